#!/usr/bin/env bash
# Invoices as accounting software exports them, for timing `recobra import-csv`:
#   bench/invoices_csv.sh ROWS CUSTOMERS OUT.csv
# ROWS invoices spread round-robin over CUSTOMERS new customers (matched by name), each with
# its own number, dates in 2026 and an amount with a decimal comma; deterministic. Import with
#   recobra import-csv OUT.csv --map number=Factura,customer=Cliente,issue=Fecha,due=Vencimiento,amount=Importe \
#       --into BACKUP --out RESULT
set -euo pipefail
if [[ $# -ne 3 ]]; then
    echo "usage: $0 ROWS CUSTOMERS OUT.csv" >&2
    exit 2
fi
rows="$1" customers="$2" out="$3"
awk -v rows="$rows" -v customers="$customers" 'BEGIN {
    printf "Factura;Cliente;Fecha;Vencimiento;Importe\r\n"
    for (i = 0; i < rows; ++i) {
        c = i % customers
        day = i % 28 + 1
        month = int(i / 28) % 11 + 1
        printf "F-%07d;Cliente %06d S.L.;%02d/%02d/%d;%02d/%02d/%d;%d,%02d\r\n",
               i + 1, c + 1, day, month, 2026, day, month + 1, 2026, 100 + (i * 37) % 9900, i % 100
    }
}' > "$out"

#include "core/exchange/csv_import.hpp"

#include "core/values/text.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace recobra {

namespace {

std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string headerKey(std::string_view header) { return foldForSearch(trim(header)); }

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::size_t> smallNumber(std::string_view s) {
    if (!allDigits(s) || s.size() > 6) return std::nullopt;
    std::size_t n = 0;
    for (char c : s) n = n * 10 + static_cast<std::size_t>(c - '0');
    return n;
}

struct ColumnName {
    InvoiceColumn column;
    const char* key;
    Str label;
    bool required;
};
constexpr ColumnName kColumns[] = {
    {InvoiceColumn::Number, "number", Str::imp_col_number, true},
    {InvoiceColumn::Customer, "customer", Str::imp_col_customer, true},
    {InvoiceColumn::TaxId, "taxId", Str::imp_col_tax_id, false},
    {InvoiceColumn::IssueDate, "issue", Str::imp_col_issue, true},
    {InvoiceColumn::DueDate, "due", Str::imp_col_due, true},
    {InvoiceColumn::Amount, "amount", Str::imp_col_amount, true},
    {InvoiceColumn::Currency, "currency", Str::imp_col_currency, false},
};

std::size_t at(InvoiceColumn c) { return static_cast<std::size_t>(c); }

// Other names the --map keys go by.
std::optional<InvoiceColumn> columnForKey(std::string_view key) {
    const std::string k = asciiLower(key);
    for (const auto& c : kColumns)
        if (k == asciiLower(c.key)) return c.column;
    if (k == "invoice" || k == "invoicenumber") return InvoiceColumn::Number;
    if (k == "name" || k == "debtor" || k == "client") return InvoiceColumn::Customer;
    if (k == "taxid" || k == "nif" || k == "vat") return InvoiceColumn::TaxId;
    if (k == "issuedate" || k == "date") return InvoiceColumn::IssueDate;
    if (k == "duedate") return InvoiceColumn::DueDate;
    return std::nullopt;
}

std::string keyChoices() {
    std::string out;
    for (const auto& c : kColumns) out += (out.empty() ? "" : ", ") + std::string(c.key);
    return out;
}

// --- matching ------------------------------------------------------------------------------------

// Spanish tax ids tell what kind of debtor a customer is (Orden EHA/451/2008): P, Q and S
// are public bodies, the other letters companies and entities, digits and X/Y/Z/K/L/M people
// (taken as autónomos: a person an accounting program invoices is usually in business).
DebtorKind kindFromSpanishTaxId(std::string_view id) {
    if (id.empty()) return DebtorKind::Sme;
    const char first = id[0];
    if (first == 'P' || first == 'Q' || first == 'S') return DebtorKind::PublicAdministration;
    if ((first >= '0' && first <= '9') || std::string_view("XYZKLM").find(first) != std::string_view::npos)
        return DebtorKind::Autonomo;
    return DebtorKind::Sme;
}

InvoiceKind invoiceKindFor(DebtorKind kind) {
    if (kind == DebtorKind::PublicAdministration) return InvoiceKind::PublicAdministration;
    if (kind == DebtorKind::Consumer) return InvoiceKind::B2C;
    return InvoiceKind::B2B;
}

// --- reading values ------------------------------------------------------------------------------

std::optional<CurrencyCode> currencyOf(std::string_view text) {
    if (text == "\xE2\x82\xAC") return CurrencyCode::eur(); // €
    std::string upper(text);
    for (auto& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto code = CurrencyCode::parse(upper);
    if (!code || !findCurrency(*code)) return std::nullopt;
    return code;
}

Problem amountProblem(AmountError error, DecimalMark decimal) {
    switch (error) {
    case AmountError::Empty: return problem(Str::err_required);
    case AmountError::NotANumber: return problem(Str::err_amount_format);
    case AmountError::BadGrouping: return problem(Str::err_amount_grouping);
    case AmountError::WrongDecimalMark:
        return problem(decimal == DecimalMark::Comma ? Str::imp_err_decimal_comma : Str::imp_err_decimal_point);
    case AmountError::TooManyDecimals: return problem(Str::err_amount_decimals);
    case AmountError::TooLarge: return problem(Str::err_amount_too_large);
    }
    return problem(Str::err_amount_format);
}

// Which column a field of a registerDebtor or addInvoice command comes from.
std::optional<InvoiceColumn> columnOfCommandField(std::string_view field) {
    if (field == "legalName" || field == "tradeName" || field == "debtor") return InvoiceColumn::Customer;
    if (field == "taxId") return InvoiceColumn::TaxId;
    if (field == "number") return InvoiceColumn::Number;
    if (field == "issueDate") return InvoiceColumn::IssueDate;
    if (field == "dueDate") return InvoiceColumn::DueDate;
    if (field.substr(0, 6) == "amount") return field == "amount.currency" ? InvoiceColumn::Currency : InvoiceColumn::Amount;
    return std::nullopt;
}

} // namespace

const char* invoiceColumnKey(InvoiceColumn column) { return kColumns[at(column)].key; }
Str invoiceColumnLabel(InvoiceColumn column) { return kColumns[at(column)].label; }
bool invoiceColumnRequired(InvoiceColumn column) { return kColumns[at(column)].required; }

std::string taxIdForMatching(std::string_view taxId) {
    std::string id = normalizeTaxId(taxId);
    if (id.size() == 11 && id.substr(0, 2) == "ES" && isValidSpanishTaxId(std::string_view(id).substr(2)))
        id.erase(0, 2);
    return id;
}

std::string nameForMatching(std::string_view name) {
    const std::string folded = foldForSearch(name);
    std::string out;
    for (char c : folded) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) out.push_back(c);
    }
    return out;
}

// --- the mapping ---------------------------------------------------------------------------------

MappingParse parseInvoiceMapping(std::string_view spec) {
    MappingParse out;
    InvoiceCsvMapping mapping;
    auto fail = [&](Problem p) {
        out.problem = std::move(p);
        return out;
    };
    std::size_t start = 0;
    while (start <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', start), spec.size());
        const std::string_view part = trim(spec.substr(start, comma - start));
        start = comma + 1;
        if (part.empty()) continue;
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos) return fail(problem(Str::imp_err_map_syntax, "", {std::string(part)}));
        const std::string_view key = trim(part.substr(0, eq));
        const std::string_view value = trim(part.substr(eq + 1));
        const auto column = columnForKey(key);
        if (!column) return fail(problem(Str::imp_err_map_key, std::string(key), {std::string(key), keyChoices()}));
        if (mapping[*column]) return fail(problem(Str::imp_err_map_twice, std::string(key)));
        if (value.empty()) return fail(problem(Str::err_required, std::string(key)));
        ColumnRef ref;
        if (value[0] == '#') {
            const auto n = smallNumber(value.substr(1));
            if (!n || *n == 0) return fail(problem(Str::imp_err_map_position, std::string(key), {std::string(value)}));
            ref.position = *n;
        } else {
            ref.header = std::string(value);
        }
        mapping[*column] = std::move(ref);
    }
    for (const auto& c : kColumns)
        if (c.required && !mapping[c.column]) return fail(problem(Str::imp_err_map_missing, c.key, {c.key}));
    out.mapping = std::move(mapping);
    return out;
}

std::string formatInvoiceMapping(const InvoiceCsvMapping& mapping) {
    std::string out;
    for (const auto& c : kColumns) {
        const auto& ref = mapping[c.column];
        if (!ref) continue;
        out += (out.empty() ? "" : ",") + std::string(c.key) + "=" +
               (ref->position ? "#" + std::to_string(ref->position) : ref->header);
    }
    return out;
}

InvoiceCsvMapping guessInvoiceMapping(const std::vector<std::string>& headers) {
    // Folded header names seen in Spanish and English accounting exports, best first.
    static const std::vector<std::pair<InvoiceColumn, std::vector<const char*>>> kNames = {
        {InvoiceColumn::Number,
         {"numero de factura", "n factura", "no factura", "num factura", "factura", "numero", "invoice number",
          "invoice no", "invoice", "number", "n"}},
        {InvoiceColumn::Customer,
         {"cliente", "razon social", "nombre cliente", "nombre", "deudor", "customer", "client", "customer name",
          "name", "debtor"}},
        {InvoiceColumn::TaxId, {"nif", "cif", "nif/cif", "cif/nif", "dni", "nif cliente", "rfc", "rut", "cuit", "tax id",
                                "vat", "vat number", "tax number"}},
        {InvoiceColumn::IssueDate,
         {"fecha de emision", "fecha emision", "fecha factura", "fecha expedicion", "fecha", "issue date", "invoice date",
          "date", "issued"}},
        {InvoiceColumn::DueDate,
         {"fecha de vencimiento", "fecha vencimiento", "vencimiento", "vto", "vto.", "due date", "due", "payment due"}},
        {InvoiceColumn::Amount,
         {"importe", "total", "importe total", "total factura", "total a pagar", "amount", "total amount", "importe pendiente"}},
        {InvoiceColumn::Currency, {"moneda", "divisa", "currency"}},
    };
    InvoiceCsvMapping mapping;
    std::set<std::size_t> taken;
    for (const auto& [column, names] : kNames) {
        for (const char* name : names) {
            const std::string want = foldForSearch(name);
            for (std::size_t i = 0; i < headers.size(); ++i) {
                if (taken.count(i) || headerKey(headers[i]) != want) continue;
                mapping[column] = ColumnRef{std::string(trim(headers[i])), 0};
                taken.insert(i);
                break;
            }
            if (mapping[column]) break;
        }
    }
    return mapping;
}

// --- dates -----------------------------------------------------------------------------------------

std::optional<DateFormat> DateFormat::parse(std::string_view pattern) {
    const std::string p = asciiLower(trim(pattern));
    char separator = 0;
    for (char c : p)
        if (c != 'd' && c != 'm' && c != 'y') {
            if (separator != 0 && c != separator) return std::nullopt;
            separator = c;
        }
    if (separator != '/' && separator != '-' && separator != '.') return std::nullopt;
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= p.size(); ++i)
        if (i == p.size() || p[i] == separator) {
            parts.push_back(p.substr(from, i - from));
            from = i + 1;
        }
    if (parts.size() != 3) return std::nullopt;
    auto kind = [](const std::string& part) -> char {
        if (part.empty() || part.size() > 4 || part.find_first_not_of(part[0]) != std::string::npos) return 0;
        if ((part[0] == 'd' || part[0] == 'm') && part.size() > 2) return 0;
        if (part[0] == 'y' && part.size() != 2 && part.size() != 4) return 0;
        return part[0];
    };
    const std::string order{kind(parts[0]), kind(parts[1]), kind(parts[2])};
    DateFormat f;
    f.separator = separator;
    if (order == "dmy") f.order = Order::DayMonthYear;
    else if (order == "mdy") f.order = Order::MonthDayYear;
    else if (order == "ymd") f.order = Order::YearMonthDay;
    else return std::nullopt;
    f.yearDigits = static_cast<int>(parts[order.find('y')].size());
    return f;
}

std::string DateFormat::pattern() const {
    const std::string y(static_cast<std::size_t>(yearDigits), 'y');
    const std::string s(1, separator);
    switch (order) {
    case Order::DayMonthYear: return "dd" + s + "mm" + s + y;
    case Order::MonthDayYear: return "mm" + s + "dd" + s + y;
    case Order::YearMonthDay: return y + s + "mm" + s + "dd";
    }
    return {};
}

std::optional<Date> DateFormat::read(std::string_view input) const {
    std::string_view text = trim(input);
    // Cut a time of day after the date ("10/03/2026 00:00:00", "2026-03-10T00:00:00").
    const std::size_t second = text.find(separator, text.find(separator) + 1);
    if (second != std::string_view::npos) {
        const std::size_t cut = text.find_first_of(" T", second);
        if (cut != std::string_view::npos) text = text.substr(0, cut);
    }
    std::string_view parts[3];
    std::size_t count = 0, from = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == separator) {
            if (count == 3) return std::nullopt;
            parts[count++] = text.substr(from, i - from);
            from = i + 1;
        }
    if (count != 3) return std::nullopt;
    const std::size_t yi = order == Order::YearMonthDay ? 0 : 2;
    const std::size_t mi = order == Order::MonthDayYear ? 0 : 1;
    const std::size_t di = order == Order::DayMonthYear ? 0 : (order == Order::MonthDayYear ? 1 : 2);
    if (parts[di].size() > 2 || parts[mi].size() > 2 || parts[yi].size() != static_cast<std::size_t>(yearDigits))
        return std::nullopt;
    const auto d = smallNumber(parts[di]), m = smallNumber(parts[mi]), y = smallNumber(parts[yi]);
    if (!d || !m || !y) return std::nullopt;
    int year = static_cast<int>(*y);
    if (yearDigits == 2) year += year < 70 ? 2000 : 1900;
    return Date::fromYmd(year, static_cast<int>(*m), static_cast<int>(*d));
}

std::vector<std::string> commonDateFormats() {
    return {"dd/mm/yyyy", "yyyy-mm-dd", "dd-mm-yyyy", "dd.mm.yyyy", "dd/mm/yy", "mm/dd/yyyy", "mm/dd/yy", "yyyy/mm/dd"};
}

// --- the import ------------------------------------------------------------------------------------

std::string InvoiceImport::columnLabel(InvoiceColumn column) const {
    const auto index = columnIndex[at(column)];
    if (!index) return invoiceColumnKey(column);
    return csvColumnLabel(*index, options.hasHeader && *index < headers.size() ? headers[*index] : "");
}

nlohmann::json InvoiceImport::command(const ImportStep& step, const std::string& debtorId) const {
    if (step.kind == ImportStep::Kind::RegisterDebtor) {
        const NewDebtor& d = newDebtors[step.item];
        nlohmann::json cmd = {{"type", "registerDebtor"},
                              {"legalName", d.legalName},
                              {"country", options.country},
                              {"kind", enumName(d.kind)}};
        if (!d.taxId.empty()) cmd["taxId"] = d.taxId;
        return cmd;
    }
    const ImportedInvoice& inv = invoices[step.item];
    const Money amount = inv.amount.value_or(Money{});
    nlohmann::json cmd = {{"type", "addInvoice"},
                          {"debtor", inv.newDebtor ? debtorId : inv.debtor},
                          {"number", inv.number},
                          {"issueDate", inv.issueDate ? inv.issueDate->iso() : ""},
                          {"dueDate", inv.dueDate ? inv.dueDate->iso() : ""},
                          {"amount", {{"currency", amount.currency.str()}, {"minor", amount.minor}}}};
    if (inv.kind != InvoiceKind::B2B) cmd["kind"] = enumName(inv.kind);
    return cmd;
}

namespace {

class Analyzer {
public:
    Analyzer(InvoiceImport& out, const State& state, const CommandContext& context)
        : out_(out), state_(state), context_(context) {}

    void report(Problem p) {
        p.file = out_.file;
        if (out_.problems.size() < kMaxCsvProblems) out_.problems.push_back(std::move(p));
        ++out_.problemCount;
    }

    bool resolveColumns(std::size_t columns) {
        const auto& options = out_.options;
        bool ok = true;
        for (const auto& c : kColumns) {
            const auto& ref = options.mapping[c.column];
            if (!ref) {
                if (c.required) {
                    report(problem(Str::imp_err_column_unmapped, c.key));
                    ok = false;
                }
                continue;
            }
            if (ref->position > 0) {
                if (ref->position > columns) {
                    report(problem(Str::imp_err_column_position, c.key,
                                   {std::to_string(ref->position), std::to_string(columns)}));
                    ok = false;
                    continue;
                }
                out_.columnIndex[at(c.column)] = ref->position - 1;
                continue;
            }
            if (!options.hasHeader) {
                report(problem(Str::imp_err_column_needs_header, c.key, {ref->header}));
                ok = false;
                continue;
            }
            const std::string want = headerKey(ref->header);
            std::vector<std::size_t> found;
            for (std::size_t i = 0; i < out_.headers.size(); ++i)
                if (headerKey(out_.headers[i]) == want) found.push_back(i);
            if (found.size() != 1) {
                std::string list;
                for (const auto& h : out_.headers) list += (list.empty() ? "" : ", ") + std::string(trim(h));
                report(problem(found.empty() ? Str::imp_err_column_missing : Str::imp_err_column_ambiguous, c.key,
                               {ref->header, list}));
                ok = false;
                continue;
            }
            out_.columnIndex[at(c.column)] = found.front();
        }
        return ok;
    }

    void indexState() {
        for (Index i = 0; i < state_.invoices.size(); ++i)
            existingNumbers_.emplace(asciiLower(trim(state_.invoices[i].number)), i);
        for (Index i = 0; i < state_.debtors.size(); ++i) {
            const auto& p = state_.debtors[i].profile;
            if (!p.taxId.empty()) byTaxId_.emplace(taxIdForMatching(p.taxId), i);
            const std::string legal = nameForMatching(p.legalName);
            const std::string trade = nameForMatching(p.tradeName);
            if (!legal.empty()) byName_[legal].push_back(i);
            if (!trade.empty() && trade != legal) byName_[trade].push_back(i);
        }
    }

    void readRow(const CsvRow& row) {
        ImportedInvoice inv;
        inv.row = row.number;
        auto cell = [&](InvoiceColumn c) -> std::string {
            const auto index = out_.columnIndex[at(c)];
            if (!index || *index >= row.cells.size()) return {};
            return std::string(trim(row.cells[*index]));
        };
        auto fail = [&](InvoiceColumn c, Problem p) {
            p.file = out_.file;
            p.field = out_.columnLabel(c);
            p.atRow(row.number);
            inv.problems.push_back(std::move(p));
        };
        inv.number = cell(InvoiceColumn::Number);
        inv.customer = cell(InvoiceColumn::Customer);
        inv.taxId = cell(InvoiceColumn::TaxId);
        if (inv.number.empty()) fail(InvoiceColumn::Number, problem(Str::err_required));
        if (inv.customer.empty()) fail(InvoiceColumn::Customer, problem(Str::err_required));

        const auto& format = out_.options.dateFormat;
        auto date = [&](InvoiceColumn c) -> std::optional<Date> {
            const std::string text = cell(c);
            if (text.empty()) {
                fail(c, problem(Str::err_required));
                return std::nullopt;
            }
            auto d = format.read(text);
            if (!d) fail(c, problem(Str::imp_err_date, "", {text, format.pattern()}));
            return d;
        };
        inv.issueDate = date(InvoiceColumn::IssueDate);
        inv.dueDate = date(InvoiceColumn::DueDate);
        if (inv.issueDate && inv.dueDate && *inv.dueDate < *inv.issueDate)
            fail(InvoiceColumn::DueDate, problem(Str::err_due_before_issue));

        CurrencyCode currency = out_.options.defaultCurrency;
        bool currencyOk = true;
        if (const std::string text = cell(InvoiceColumn::Currency); !text.empty()) {
            if (const auto code = currencyOf(text)) currency = *code;
            else {
                fail(InvoiceColumn::Currency, problem(Str::err_currency_unknown, "", {text}));
                currencyOk = false;
            }
        }
        if (currencyOk) {
            const std::string text = cell(InvoiceColumn::Amount);
            const Lang decimalLang = out_.options.decimal == DecimalMark::Comma ? Lang::es : Lang::en;
            const AmountParse parsed = parseAmount(text, decimalLang, currency);
            if (!parsed.minor) fail(InvoiceColumn::Amount, amountProblem(parsed.error, out_.options.decimal));
            else if (*parsed.minor <= 0) fail(InvoiceColumn::Amount, problem(Str::err_amount_positive));
            else inv.amount = Money{*parsed.minor, currency};
        }

        if (!inv.number.empty()) {
            const std::string key = asciiLower(inv.number);
            if (const auto it = existingNumbers_.find(key); it != existingNumbers_.end()) {
                const auto& known = state_.invoices[it->second];
                fail(InvoiceColumn::Number,
                     problem(Str::imp_err_number_recorded, "", {inv.number, state_.debtors[known.debtor].profile.legalName}));
            } else if (const auto seen = fileNumbers_.find(key); seen != fileNumbers_.end()) {
                fail(InvoiceColumn::Number, problem(Str::imp_err_number_repeated, "", {inv.number, std::to_string(seen->second)}));
            } else {
                fileNumbers_.emplace(key, row.number);
            }
        }
        if (!inv.customer.empty()) resolveDebtor(inv, fail);
        out_.invoices.push_back(std::move(inv));
    }

    template <class Fail> void resolveDebtor(ImportedInvoice& inv, Fail&& fail) {
        const std::string taxKey = inv.taxId.empty() ? std::string() : taxIdForMatching(inv.taxId);
        const std::string nameKey = nameForMatching(inv.customer);
        if (!taxKey.empty()) {
            if (const auto it = byTaxId_.find(taxKey); it != byTaxId_.end()) {
                inv.debtor = state_.debtors[it->second].id;
                return;
            }
            if (const auto it = newByTaxId_.find(taxKey); it != newByTaxId_.end()) {
                inv.newDebtor = it->second;
                return;
            }
            // By name, among debtors without a tax id (one with another tax id is someone else).
            std::vector<Index> known;
            if (const auto it = byName_.find(nameKey); it != byName_.end())
                for (Index d : it->second)
                    if (state_.debtors[d].profile.taxId.empty()) known.push_back(d);
            if (known.size() == 1) {
                inv.debtor = state_.debtors[known.front()].id;
                return;
            }
            if (known.size() > 1) {
                fail(InvoiceColumn::Customer, problem(Str::imp_err_customer_ambiguous, "", {inv.customer}));
                return;
            }
            // A customer earlier in the file without a tax id, now with one: the same customer.
            std::vector<std::size_t> fresh;
            if (const auto it = newByName_.find(nameKey); it != newByName_.end())
                for (std::size_t k : it->second)
                    if (out_.newDebtors[k].taxId.empty()) fresh.push_back(k);
            if (fresh.size() == 1) {
                auto& d = out_.newDebtors[fresh.front()];
                d.taxId = taxIdValue(inv.taxId, taxKey);
                d.kind = kindFor(taxKey);
                newByTaxId_.emplace(taxKey, fresh.front());
                inv.newDebtor = fresh.front();
                return;
            }
            inv.newDebtor = addNewDebtor(inv, taxKey, nameKey);
            return;
        }
        if (const auto it = byName_.find(nameKey); it != byName_.end()) {
            if (it->second.size() > 1) {
                fail(InvoiceColumn::Customer, problem(Str::imp_err_customer_ambiguous, "", {inv.customer}));
                return;
            }
            inv.debtor = state_.debtors[it->second.front()].id;
            return;
        }
        if (const auto it = newByName_.find(nameKey); it != newByName_.end()) {
            if (it->second.size() > 1) {
                fail(InvoiceColumn::Customer, problem(Str::imp_err_customer_ambiguous, "", {inv.customer}));
                return;
            }
            inv.newDebtor = it->second.front();
            return;
        }
        inv.newDebtor = addNewDebtor(inv, taxKey, nameKey);
    }

    // Dry run: every command as prepareCommand would take it, against the state (known
    // debtors) or a scratch state holding only the customers the import registers.
    void dryRun() {
        Hlc hlc(0);
        if (state_.lastApplied) hlc.observe(*state_.lastApplied);
        State scratch;
        EventLog scratchLog;
        std::vector<std::string> scratchIds(out_.newDebtors.size());
        std::vector<std::optional<Problem>> refused(out_.newDebtors.size());
        for (std::size_t k = 0; k < out_.newDebtors.size(); ++k) {
            const ImportStep step{ImportStep::Kind::RegisterDebtor, out_.newDebtors[k].firstRow, k, std::nullopt};
            auto prepared = prepareCommand(state_, out_.command(step), context_, hlc);
            if (!prepared.event) {
                refused[k] = std::move(prepared.problem);
                continue;
            }
            scratchLog.push_back(*prepared.event);
            apply(scratch, *prepared.event, static_cast<Index>(scratchLog.size() - 1));
            scratchIds[k] = prepared.createdId;
        }
        for (std::size_t i = 0; i < out_.invoices.size(); ++i) {
            auto& inv = out_.invoices[i];
            if (!inv.problems.empty()) continue;
            std::optional<Problem> p;
            if (inv.newDebtor && refused[*inv.newDebtor]) {
                p = refused[*inv.newDebtor];
            } else {
                const ImportStep step{ImportStep::Kind::AddInvoice, inv.row, i, std::nullopt};
                const auto cmd = out_.command(step, inv.newDebtor ? scratchIds[*inv.newDebtor] : std::string());
                p = prepareCommand(inv.newDebtor ? scratch : state_, cmd, context_, hlc).problem;
            }
            if (!p) continue;
            Problem located = *p;
            const auto column = columnOfCommandField(located.field);
            located.field = column ? out_.columnLabel(*column) : located.field;
            located.file = out_.file;
            located.atRow(inv.row);
            inv.problems.push_back(std::move(located));
        }
    }

    void finish() {
        std::set<std::string> known;
        for (const auto& inv : out_.invoices) {
            for (const auto& p : inv.problems) report(p);
            if (!inv.problems.empty()) continue;
            ++out_.validRows;
            if (inv.amount) out_.total.add(*inv.amount);
            if (!inv.newDebtor) known.insert(inv.debtor);
        }
        out_.knownDebtors = known.size();
        const std::size_t previewCount = std::min(out_.options.previewRows, out_.invoices.size());
        out_.preview.assign(out_.invoices.begin(), out_.invoices.begin() + static_cast<std::ptrdiff_t>(previewCount));
        if (!out_.ok()) return;
        for (std::size_t k = 0; k < out_.newDebtors.size(); ++k)
            out_.steps.push_back({ImportStep::Kind::RegisterDebtor, out_.newDebtors[k].firstRow, k, std::nullopt});
        for (std::size_t i = 0; i < out_.invoices.size(); ++i) {
            const auto& inv = out_.invoices[i];
            ImportStep step{ImportStep::Kind::AddInvoice, inv.row, i, std::nullopt};
            if (inv.newDebtor) step.debtorFromStep = *inv.newDebtor; // registrations come first, in order
            out_.steps.push_back(step);
        }
    }

private:
    std::string taxIdValue(const std::string& cell, const std::string& key) const {
        // The VAT form of a Spanish id is recorded as the id itself.
        return normalizeTaxId(cell) == key ? cell : key;
    }
    DebtorKind kindFor(const std::string& taxKey) const {
        return out_.options.country == "ES" ? kindFromSpanishTaxId(taxKey) : DebtorKind::Sme;
    }
    std::size_t addNewDebtor(const ImportedInvoice& inv, const std::string& taxKey, const std::string& nameKey) {
        const std::size_t k = out_.newDebtors.size();
        NewDebtor d;
        d.legalName = inv.customer;
        d.taxId = taxKey.empty() ? std::string() : taxIdValue(inv.taxId, taxKey);
        d.kind = kindFor(taxKey);
        d.firstRow = inv.row;
        out_.newDebtors.push_back(std::move(d));
        if (!taxKey.empty()) newByTaxId_.emplace(taxKey, k);
        newByName_[nameKey].push_back(k);
        return k;
    }

    InvoiceImport& out_;
    const State& state_;
    const CommandContext& context_;
    std::unordered_map<std::string, Index> existingNumbers_;
    std::unordered_map<std::string, std::size_t> fileNumbers_; // number -> first row
    std::unordered_map<std::string, Index> byTaxId_;
    std::unordered_map<std::string, std::vector<Index>> byName_;
    std::unordered_map<std::string, std::size_t> newByTaxId_;
    std::unordered_map<std::string, std::vector<std::size_t>> newByName_;
};

} // namespace

InvoiceImport analyzeInvoiceCsv(std::string_view text, const std::string& fileName, const InvoiceImportOptions& options,
                                const State& state, const CommandContext& context) {
    InvoiceImport out;
    out.file = fileName;
    out.options = options;
    Analyzer analyzer(out, state, context);

    CsvReadOptions readOptions;
    readOptions.separator = options.separator;
    CsvRead read = readCsv(text, fileName, readOptions);
    for (auto& p : read.problems) analyzer.report(std::move(p));
    out.problemCount += read.problemCount - std::min(read.problemCount, read.problems.size());
    if (!read.table) return out;
    const CsvTable& table = *read.table;
    out.separator = table.separator;

    const std::size_t columns = table.rows.front().cells.size();
    if (options.hasHeader) {
        out.headers = table.rows.front().cells;
    } else {
        for (std::size_t i = 0; i < columns; ++i) out.headers.push_back(csvColumnName(i));
    }
    if (!analyzer.resolveColumns(columns)) return out;
    const std::size_t first = options.hasHeader ? 1 : 0;
    if (table.rows.size() <= first) {
        analyzer.report(problem(Str::imp_err_no_rows));
        return out;
    }
    analyzer.indexState();
    for (std::size_t r = first; r < table.rows.size(); ++r) analyzer.readRow(table.rows[r]);
    for (auto& inv : out.invoices) {
        if (inv.newDebtor) ++out.newDebtors[*inv.newDebtor].invoices;
        // The kind of a new debtor is settled once the whole file is read (a tax id may come later).
        if (inv.newDebtor) inv.kind = invoiceKindFor(out.newDebtors[*inv.newDebtor].kind);
        else if (const auto d = state.debtor(inv.debtor)) inv.kind = invoiceKindFor(state.debtors[*d].profile.kind);
    }
    analyzer.dryRun();
    analyzer.finish();
    return out;
}

ImportApplied applyInvoiceImport(Workspace& workspace, const InvoiceImport& import, const CommandContext& context) {
    ImportApplied out;
    if (!import.ok()) {
        out.problem = import.problems.empty() ? problem(Str::imp_err_no_rows) : import.problems.front();
        out.problem->file = import.file;
        return out;
    }
    std::vector<std::string> created(import.steps.size());
    std::vector<EventId> dispatched;
    dispatched.reserve(import.steps.size());
    for (std::size_t s = 0; s < import.steps.size(); ++s) {
        const ImportStep& step = import.steps[s];
        const std::string debtor = step.debtorFromStep ? created[*step.debtorFromStep] : std::string();
        auto result = workspace.dispatch(import.command(step, debtor), context);
        if (!result.ok()) {
            workspace.discard(dispatched);
            Problem p = result.problem.value_or(problem(Str::err_invalid));
            const auto column = columnOfCommandField(p.field);
            if (column) p.field = import.columnLabel(*column);
            p.file = import.file;
            p.atRow(step.row);
            out = ImportApplied{};
            out.problem = std::move(p);
            return out;
        }
        created[s] = result.createdId;
        dispatched.push_back(result.event->id);
        if (step.kind == ImportStep::Kind::RegisterDebtor) ++out.debtorsAdded;
        else ++out.invoicesAdded;
        out.events.push_back(std::move(*result.event));
    }
    return out;
}

} // namespace recobra

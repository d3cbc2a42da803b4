// The fuzz targets' seed corpus, written at build time into the build folder (nothing large is
// committed): small backups from the generator, one of them with an event of every type; one
// event line of every type; the state's image of two books; invoice CSVs in the formats
// import-csv reads, for the book fuzz-csv imports into.
//
//     recobra_fuzz_seeds OUTDIR    writes OUTDIR/{backup,codec,csv,image}/*
#include "core/codec/event_codec.hpp"
#include "core/exchange/backup.hpp"
#include "core/rules/agenda.hpp"
#include "core/sample/generator.hpp"
#include "core/state/state_image.hpp"
#include "core/workspace/workspace.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace recobra;
namespace fs = std::filesystem;

namespace {

fs::path outDir;
int failures = 0;

void write(const std::string& target, const std::string& name, const std::string& bytes) {
    const fs::path dir = outDir / target;
    fs::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "recobra_fuzz_seeds: cannot write %s\n", (dir / name).c_str());
        ++failures;
    }
}

struct Generated {
    std::vector<Event> events;
    Settings settings;
    Date today;
};

Generated generated(std::uint32_t debtors, std::uint64_t seed) {
    GeneratorOptions options;
    options.debtors = debtors;
    options.seed = seed;
    Generated out;
    const GeneratorSummary summary =
        generateDataset(options, [&](const Event& e) { out.events.push_back(e); });
    out.settings.userName = summary.teamLead;
    out.settings.language = "es";
    out.today = options.referenceDate;
    return out;
}

// A book with an event of every type: the generator's, then the commands it never gives.
struct EveryType {
    Workspace workspace{0x0f0220c5};
    CommandContext context;
    Settings settings;

    bool take(const Command& command) {
        context.now += 60'000;
        const DispatchResult result = workspace.dispatch(command, context);
        if (!result.ok()) {
            std::fprintf(stderr, "recobra_fuzz_seeds: a seed command was refused: %s\n",
                         result.problem ? result.problem->describe(Lang::en).c_str() : "?");
            ++failures;
        }
        return result.ok();
    }

    EveryType() {
        const Generated g = generated(3, 1);
        workspace.load(g.events);
        settings = g.settings;
        context.now = g.today.startOfDayUtc() + 9 * 3'600'000;
        context.author = g.settings.userName;
        const State& s = workspace.state();
        const std::string debtorId = s.debtors.front().id, memberId = s.members.back().id;
        const InvoiceState* open = nullptr;
        for (const auto& inv : s.invoices)
            if (inv.open() && inv.debtor == 0) open = &inv;
        if (!open) open = &s.invoices.front();
        const std::string invoiceId = open->id;

        // An invoice long overdue: the agenda has items for the debtor.
        InvoiceAdded overdue;
        overdue.amount = euros(100000);
        overdue.debtor = debtorId;
        overdue.number = "FZ-VENCIDA";
        overdue.issueDate = g.today.addDays(-120);
        overdue.dueDate = g.today.addDays(-90);
        take(overdue);
        // Agenda items of the day: one done, one put off.
        std::vector<std::pair<std::string, std::string>> items; // debtor, key
        for (Index d = 0; d < workspace.state().debtors.size() && items.size() < 2; ++d)
            for (const auto& item :
                 debtorAgenda(workspace.state(), effectivePolicy(workspace.state()), d, context.today()))
                if (items.size() < 2) items.emplace_back(workspace.state().debtors[d].id, item.key);
        if (!items.empty()) take(AgendaDone{items[0].first, items[0].second, "Llamado"});
        if (items.size() > 1)
            take(AgendaSnoozed{items[1].first, items[1].second, "Vuelve de vacaciones",
                               context.today().addDays(7)});
        take(InvoiceDisputeSet{true, invoiceId, "No reconoce el importe"});
        take(InvoiceDisputeSet{false, invoiceId, "Aclarado por teléfono"});
        MemberUpdated member;
        member.member = memberId;
        member.role = "Gestora de cobros";
        take(member);
        PolicyUpdated policy;
        policy.policy = defaultPolicy();
        policy.policy.contactLimit = 5;
        take(policy);
        PauseSet pause;
        pause.debtor = debtorId;
        pause.reason = "En concurso de acreedores";
        pause.until = g.today.addDays(30);
        if (take(pause)) {
            PauseLifted lifted;
            lifted.pause = workspace.state().pauses.back().id;
            lifted.reason = "Levantado";
            take(lifted);
        }
        // A burofax: a legal act, which a proof is attached to below.
        InteractionLogged claim;
        claim.at = context.now - 3'600'000;
        claim.channel = Channel::Burofax;
        claim.debtor = debtorId;
        claim.direction = Direction::Outbound;
        claim.formalClaim = true;
        claim.outcome = Outcome::Other;
        claim.summary = "Requerimiento de pago por burofax";
        take(claim);
        RateSet rate;
        rate.basisPoints = 1215;
        rate.period = "2027-H1";
        rate.source = "BOE";
        take(rate);
        SuspensionSet suspension;
        suspension.suspension = "es-2030-prueba";
        suspension.from = Date::fromDaysSinceEpoch(22000);
        suspension.until = Date::fromDaysSinceEpoch(22030);
        suspension.source = "BOE";
        take(suspension);
        PrescriptionTermSet term;
        term.debtor = debtorId;
        term.term = PrescriptionTerm::ThreeYears;
        term.reason = "Honorarios profesionales";
        take(term);
        for (const auto& d : workspace.state().debtors)
            if (!d.legalActs.empty()) {
                ProofAttached proof;
                proof.debtor = d.id;
                proof.interaction = d.legalActs.front().interaction;
                proof.kind = ProofKind::BurofaxReceipt;
                proof.receivedOn = d.legalActs.front().on;
                proof.reference = "BF-2026-0001";
                take(proof);
                break;
            }
        ChargesClosed charges;
        charges.invoice = invoiceId;
        charges.on = context.today();
        charges.outcome = ChargesOutcome::Waived;
        charges.reason = "Buen cliente";
        take(charges);
    }
};

// The image framed as fuzz-image reads it: the log's events, then each piece with its length.
std::string framedImage(const State& state, std::size_t logEvents, std::size_t pieceBytes) {
    const auto u32 = [](std::string& out, std::size_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    std::string out;
    u32(out, logEvents);
    StateImageWriter writer(state, logEvents);
    std::string piece;
    while (writer.next(piece, pieceBytes)) {
        u32(out, piece.size());
        out += piece;
    }
    return out;
}

std::string withoutNewlines(std::string text) {
    std::erase(text, '\n');
    return text;
}

std::string withCrlf(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

std::string toWindows1252(const std::string& utf8) {
    // Only the Spanish letters the seeds use (2-byte UTF-8 sequences of U+00A0 to U+00FF).
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
            out += static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F));
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string toUtf16Le(const std::string& latin1) {
    std::string out = "\xFF\xFE";
    for (const char c : latin1) {
        out += c;
        out += '\0';
    }
    return out;
}

void csvSeeds() {
    // The book fuzz-csv imports into: the generator's, 3 debtors, seed 1.
    const Generated g = generated(3, 1);
    const State s = fold(EventLog(g.events));
    const DebtorState& a = s.debtors[0];
    const DebtorState& b = s.debtors[1 % s.debtors.size()];
    const std::string spanishMap =
        "number=Factura,customer=Cliente,taxId=NIF,issue=Fecha,due=Vencimiento,amount=Importe\n";
    std::string spanish = "Factura;Cliente;NIF;Fecha;Vencimiento;Importe\r\n";
    spanish +=
        "FZ-0001;" + a.profile.legalName + ";" + a.profile.taxId + ";01/09/2026;01/10/2026;1.234,56\r\n";
    spanish += "FZ-0002;" + b.profile.legalName + ";;15/09/2026;15/10/2026;300\r\n";
    spanish += "FZ-0003;Gráficas Peña S.L.;B12345674;20/09/2026;20/10/2026;50,5\r\n";
    spanish += "FZ-0004;graficas pena sl;;21/09/2026;21/10/2026;7,25\r\n";
    spanish += "FZ-0005;Ayuntamiento de Villanueva;P2807900B;22/09/2026;22/11/2026;900\r\n";
    spanish += "FZ-0006;\"Pérez Gil, Luis\";12345678Z;23/09/2026;23/10/2026;60\r\n";
    write("csv", "spanish.csv", spanishMap + "dd/mm/yyyy comma header\n" + spanish);
    write("csv", "spanish-1252.csv", spanishMap + "dd/mm/yyyy comma header sep=;\n" + toWindows1252(spanish));
    write("csv", "spanish-utf16.csv",
          spanishMap + "dd/mm/yyyy comma header\n" + toUtf16Le(toWindows1252(spanish)));
    write("csv", "spanish-bom.csv", spanishMap + "d/m/yyyy comma header\n\xEF\xBB\xBF" + spanish);

    std::string english = "Invoice,Customer,VAT,Issued,Due,Amount,Currency\n";
    english += "INV-1,\"" + a.profile.legalName + "\"," + a.profile.taxId +
               ",2026-09-01,2026-10-01,\"1,234.56\",EUR\n";
    english += "INV-2,Acme Ltd,,2026-09-02,2026-10-02,99.90,USD\n";
    english += "INV-3,Acme Ltd,,2026-09-03,2026-10-03,10,MXN\n";
    write("csv", "english.csv",
          "number=Invoice,customer=Customer,taxId=VAT,issue=Issued,due=Due,amount=Amount,currency=Currency\n"
          "yyyy-mm-dd point header sep=, cur=USD country=MX\n" +
              english);

    std::string positions = "A-1\t" + b.profile.legalName + "\t03.09.26\t03.10.26\t12,00\n";
    positions += "A-2\tNuevo Cliente S.A.\t04.09.26\t04.10.26\t1 000,00\n";
    write("csv", "positions.csv",
          "number=#1,customer=#2,issue=#3,due=#4,amount=#5\ndd.mm.yy comma noheader sep=tab\n" + positions);

    std::string refused = "Factura;Cliente;NIF;Fecha;Vencimiento;Importe\r\n";
    refused += "FZ-0001;Sin Fecha S.L.;;;01/10/2026;10\r\n";
    refused += "FZ-0001;Repetida S.L.;;01/09/2026;01/08/2026;-3\r\n";
    refused += "\"FZ-0003;Comillas;;01/09/2026;01/10/2026;1\r\n";
    write("csv", "refused.csv", spanishMap + "dd/mm/yyyy comma header\n" + refused);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: recobra_fuzz_seeds OUTDIR\n");
        return 2;
    }
    outDir = argv[1];

    // Backups: small generated books, in the layout writeBackup gives and in others.
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const Generated g = generated(1, seed);
        write("backup", "d1-s" + std::to_string(seed) + ".json", writeBackup(g.settings, g.events));
    }
    {
        const Generated g = generated(1, 5);
        const std::string backup = writeBackup(g.settings, g.events);
        write("backup", "d1-s5-one-line.json", withoutNewlines(backup));
        write("backup", "d1-s5-crlf.json", withCrlf(backup));
        write("backup", "empty-book.json", writeBackup(g.settings, std::vector<Event>{}));
    }
    const EveryType every;
    const EventLog& log = every.workspace.log();
    write("backup", "every-type.json", writeBackup(every.settings, log));

    // Event lines: one of every type the book has (the generator's and the commands above).
    // (A larger generated book has the kinds of change three debtors do not: contacts, updates.)
    std::map<std::string, std::string> lines;
    for (std::size_t i = 0; i < log.size(); ++i) {
        const Event e = log[i];
        if (!lines.count(e.type())) lines[e.type()] = encodeEvent(e);
    }
    for (const Event& e : generated(60, 1).events)
        if (!lines.count(e.type())) lines[e.type()] = encodeEvent(e);
    for (const auto& [type, line] : lines) write("codec", type + ".json", line);

    // State images: a generated book's and the one with every type, in pieces of 4 KB.
    {
        const Generated g = generated(1, 1);
        const EventLog small(g.events);
        write("image", "d1-s1.bin", framedImage(fold(small), small.size(), std::size_t{1} << 12));
    }
    write("image", "every-type.bin", framedImage(every.workspace.state(), log.size(), std::size_t{1} << 12));
    write("image", "empty.bin", framedImage(State{}, 0, std::size_t{1} << 12));

    csvSeeds();
    return failures == 0 ? 0 : 1;
}

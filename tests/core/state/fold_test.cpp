// The state is the fold of the event log in id order, whatever order the events arrive in:
// loaded shuffled, merged from two devices that worked offline, integrated in batches, older
// ones after newer ones, or the same ones twice. Every way gives the same state, compared
// fact by fact through a canonical dump.
#include "core/codec/event_codec.hpp"
#include "core/exchange/backup.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

std::vector<Event> madeOn(const Book& book, std::uint32_t device) {
    std::vector<Event> out;
    for (const auto& e : book.log().decodeAll())
        if (e.id.device == device) out.push_back(e);
    return out;
}

std::string loaded(std::vector<Event> events) {
    Workspace w(99);
    w.load(std::move(events));
    return dumpState(w.state(), w.log());
}

// Ana (device 1) and Luis (device 2) chase the same debtors in the first week of March 2026.
// They work offline on 3 March and on 5 March, and merge each other's exports afterwards, so
// their work overlaps: both void the same invoice, both record a payment against the same
// invoice, one removes a contact the other is editing, a payment closes a case while an
// invoice is added on the other laptop. An event from a newer version of Recobra is in the
// mix too.
struct FirstWeekOfMarch {
    Book ana{1, "2026-03-02"};
    Book luis{2, "2026-03-03"};
    std::string pena, ruiz, jose, lima, maria, p1, p2, p3, r2, j1, l1;

    FirstWeekOfMarch() {
        luis.context.author = "Luis Ruiz";
        // 2 March, Ana alone.
        const auto anaM = ana.accept(command("addMember", {{"name", "Ana García"}}));
        const auto luisM = ana.accept(command("addMember", {{"name", "Luis Ruiz"}}));
        pena = ana.accept(
            command("registerDebtor", {{"legalName", "Gráficas Peña S.L."},
                                       {"taxId", "B12345674"},
                                       {"country", "ES"},
                                       {"kind", "sme"},
                                       {"assignee", anaM},
                                       {"contacts",
                                        {{{"name", "María Peña"}, {"phone", "600 111 222"}},
                                         {{"name", "Administración"}, {"email", "admin@pena.es"}}}}}));
        maria = ana.state().contacts[ana.debtor(pena).contacts.at(0)].info.id;
        ruiz = ana.registerDebtor("Taller Ruiz S.L.", "B87654323");
        jose = ana.accept(command(
            "registerDebtor",
            {{"legalName", "José Pérez"}, {"taxId", "12345678Z"}, {"country", "ES"}, {"kind", "consumer"}}));
        lima = ana.accept(command("registerDebtor", {{"legalName", "Construcciones Lima S.A.C."},
                                                     {"taxId", "20123456789"},
                                                     {"country", "PE"},
                                                     {"kind", "large_company"}}));
        p1 = ana.addInvoice(pena, "P-1", 120000, "2025-12-16", "2026-01-15");
        p2 = ana.addInvoice(pena, "P-2", 30000, "2026-01-16", "2026-02-15");
        p3 = ana.addInvoice(pena, "P-3", 45000, "2026-02-18", "2026-03-20");
        ana.addInvoice(ruiz, "R-1", 50000, "2026-01-29", "2026-02-28");
        r2 = ana.addInvoice(ruiz, "R-2", 80000, "2026-03-01", "2026-03-31");
        j1 = ana.accept(command("addInvoice", {{"debtor", jose},
                                               {"number", "J-1"},
                                               {"amount", eur(9000)},
                                               {"kind", "b2c"},
                                               {"issueDate", "2026-01-10"},
                                               {"dueDate", "2026-02-10"}}));
        l1 = ana.accept(command("addInvoice", {{"debtor", lima},
                                               {"number", "L-1"},
                                               {"amount", money(2500000, "USD")},
                                               {"issueDate", "2026-01-02"},
                                               {"dueDate", "2026-02-01"}}));
        ana.pay(pena, 50000, "2026-03-01");
        ana.setNow("2026-03-02", 11);
        ana.accept(
            command("logInteraction", {{"debtor", ruiz},
                                       {"at", at("2026-03-02", 10, 45)},
                                       {"channel", "call"},
                                       {"direction", "outbound"},
                                       {"outcome", "promise"},
                                       {"attitude", "forgot"},
                                       {"promise", {{"amount", eur(50000)}, {"dueDate", "2026-03-09"}}}}));
        ana.accept(command("assignDebtor", {{"debtor", ruiz}, {"member", luisM}}));
        ana.accept(command("changeStage", {{"debtor", lima}, {"stage", "reminded"}, {"reason", "Email 1"}}));
        ana.accept(command("addNote", {{"debtor", jose}, {"text", "Cobra la nómina el día 5"}}));

        // Luis takes Ana's export home.
        luis.workspace.load(ana.log().decodeAll());

        // 3 March: both offline, their clocks interleaved half a minute apart.
        ana.setNow("2026-03-03", 9);
        luis.setNow("2026-03-03", 9);
        luis.context.now += 30'000;
        ana.pay(pena, 70000, "2026-03-03");                                                       // 09:01
        luis.pay(pena, 30000, "2026-03-03", json::array({{{"invoice", p1}, {"amount", 30000}}})); // 09:01:30
        ana.accept(command("voidInvoice", {{"invoice", r2}, {"reason", "Duplicada"}}));           // 09:02
        luis.accept(command("voidInvoice", {{"invoice", r2}, {"reason", "Importe erróneo"}}));    // 09:02:30
        ana.accept(command("updateDebtor", {{"debtor", pena}, {"notes", "Prefiere email"}}));     // 09:03
        luis.accept(command("removeContact", {{"contact", maria}}));                              // 09:03:30
        ana.accept(command("updateContact", {{"contact", maria}, {"phone", "600 333 444"}}));     // 09:04
        luis.accept(command("updateDebtor", {{"debtor", pena}, {"tradeName", "Peña Print"}}));    // 09:04:30
        ana.accept(
            command("logInteraction", {{"debtor", jose},
                                       {"at", at("2026-03-03", 9, 0)},
                                       {"channel", "whatsapp"},
                                       {"direction", "inbound"},
                                       {"outcome", "promise"},
                                       {"invoices", {j1}},
                                       {"promise", {{"amount", eur(9000)}, {"dueDate", "2026-03-15"}}}}));
        luis.accept(
            command("changeStage", {{"debtor", ruiz}, {"stage", "negotiating"}, {"reason", "Pide aplazar"}}));
        ana.addInvoice(jose, "J-2", 6000, "2026-03-03", "2026-04-02");
        luis.accept(command("setInvoiceDisputed",
                            {{"invoice", j1}, {"disputed", true}, {"reason", "Dice que ya pagó"}}));
        luis.accept(command("recordPayment",
                            {{"debtor", lima}, {"amount", money(1000000, "USD")}, {"date", "2026-03-02"}}));

        // They exchange exports.
        ana.workspace.integrate(madeOn(luis, 2));
        luis.workspace.integrate(madeOn(ana, 1));

        // 5 March: offline again. Ana adds an invoice; Luis, not knowing, takes a payment that
        // pays off everything he sees, and the rest.
        ana.setNow("2026-03-05", 9);
        luis.setNow("2026-03-05", 10);
        ana.addInvoice(pena, "P-4", 20000, "2026-03-05", "2026-04-04");
        luis.pay(pena, 95000, "2026-03-05");
        ana.workspace.integrate(madeOn(luis, 2));
        luis.workspace.integrate(madeOn(ana, 1));

        // 6 March: a teammate's newer Recobra sent an event of a type this version does not know.
        const auto newer = decodeEventText(std::string_view(
            R"({"author":"Eva","id":"019cc2291c00-0000-0000000e","payload":{"debtor":")" + pena +
            R"(","installments":3},"ts":1772784000000,"type":"plan.created","v":1})"));
        REQUIRE(newer.event.has_value());
        ana.workspace.integrate({*newer.event});
        luis.workspace.integrate({*newer.event});
        ana.setNow("2026-03-06", 9);
        ana.addInvoice(pena, "P-5", 15000, "2026-03-06", "2026-04-05");
        luis.workspace.integrate(madeOn(ana, 1));
    }

    std::vector<Event> all() const { return ana.log().decodeAll(); }
};

} // namespace

TEST_CASE("two devices that merge each other's work end with the same state") {
    FirstWeekOfMarch week;
    CHECK(week.ana.log().size() == week.luis.log().size());
    CHECK(week.ana.dump() == week.luis.dump());
    // And it is the state a fresh fold of the merged log gives.
    CHECK(week.ana.dump() == loaded(week.all()));
    CHECK(dumpState(fold(week.ana.log()), week.ana.log()) == week.ana.dump());
}

TEST_CASE("the merged week: what each overlap of the two devices' work leaves") {
    FirstWeekOfMarch week;
    const Book& b = week.ana;
    // Ana's 700 € on 3 March paid off P-1 before Luis's 300 € for P-1 arrived: his became credit.
    CHECK(b.invoice(week.p1).paid == 120000);
    // Both voided R-2; it is voided once, with the first reason.
    CHECK(b.invoice(week.r2).voided);
    CHECK(b.invoice(week.r2).voidReason == "Duplicada");
    // Luis removed María; Ana's later edit of her phone is kept, and she stays removed.
    CHECK(b.contact(week.maria).removed);
    CHECK(b.contact(week.maria).info.phone == "600 333 444");
    // Both edits of Gráficas Peña's profile are kept.
    CHECK(b.debtor(week.pena).profile.notes == "Prefiere email");
    CHECK(b.debtor(week.pena).profile.tradeName == "Peña Print");
    // Luis's 950 € on 5 March paid P-2, P-3 and Ana's P-4: the case closed as paid, and P-5
    // reopened it.
    CHECK(b.invoice(week.p2).status() == InvoiceStatus::Paid);
    CHECK(b.invoice(week.p3).status() == InvoiceStatus::Paid);
    CHECK(b.outstanding(week.pena) == 15000);
    CHECK(b.credit(week.pena) == 30000);
    CHECK_FALSE(b.debtor(week.pena).stage.has_value());
    std::vector<std::string> automatic;
    for (Index i : b.debtor(week.pena).stageChanges)
        automatic.push_back(strId(b.state().stageChanges[i].automaticReason.value_or(Str::err_invalid)));
    CHECK(automatic == std::vector<std::string>{"stage_auto_paid", "stage_auto_reopened"});
    // Everything else as each device left it.
    CHECK(b.debtor(week.ruiz).stage == Stage::Negotiating);
    CHECK(b.invoice(week.j1).disputed);
    CHECK(b.outstanding(week.lima, "USD") == 1500000);
    CHECK(b.debtor(week.jose).promises.size() == 1);
    CHECK(b.state().promises.size() == 2);
    CHECK(b.state().diagnostics.unknownEvents == 1);
    CHECK(b.state().diagnostics.orphanEvents == 0);
    CHECK(b.state().diagnostics.duplicateEntities == 0);
}

TEST_CASE("loading the events in any order gives the same state") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        INFO("seed ", seed);
        std::vector<Event> events = week.all();
        Rng rng(seed);
        rng.shuffle(events);
        CHECK(loaded(events) == expected);
    }
}

TEST_CASE("loading overlapping exports keeps each event once") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    for (std::uint64_t seed = 100; seed < 110; ++seed) {
        INFO("seed ", seed);
        Rng rng(seed);
        std::vector<Event> events = week.all();
        const std::size_t copies = 1 + rng.below(events.size());
        for (std::size_t k = 0; k < copies; ++k) events.push_back(events[rng.below(week.all().size())]);
        rng.shuffle(events);
        Workspace w(99);
        const auto report = w.load(events);
        CHECK(report.duplicateIds == copies);
        CHECK(report.events == week.all().size());
        CHECK(report.diagnostics.unknownEvents == 1);
        CHECK(dumpState(w.state(), w.log()) == expected);
    }
}

namespace {

// Hands `events` to the load in batches of one to six, as storage reads them: some as a
// vector (loadMore), some one at a time (loadOne, as the browser does).
void loadInBatches(Workspace& w, const std::vector<Event>& events, Rng& rng) {
    for (std::size_t at = 0; at < events.size();) {
        const std::size_t n = std::min(events.size() - at, 1 + rng.below(6));
        if (rng.below(2) == 0) {
            w.loadMore(std::vector<Event>(events.begin() + static_cast<std::ptrdiff_t>(at),
                                          events.begin() + static_cast<std::ptrdiff_t>(at + n)));
        } else {
            for (std::size_t i = at; i < at + n; ++i) w.loadOne(events[i]);
        }
        at += n;
    }
}

} // namespace

TEST_CASE("loading the log in pieces, as storage reads it, gives the state of one fold") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    std::vector<Event> sorted = week.all();
    sortAndDeduplicate(sorted);
    // In id order (as storage keeps it), cut anywhere; then shuffled; then with repeats.
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        INFO("seed ", seed);
        Rng rng(seed * 104729);
        std::vector<Event> events = sorted;
        std::size_t repeats = 0;
        if (seed > 10) rng.shuffle(events);
        if (seed > 20) {
            repeats = 1 + rng.below(5);
            for (std::size_t k = 0; k < repeats; ++k) events.push_back(sorted[rng.below(sorted.size())]);
        }
        Workspace w(99);
        w.beginLoad();
        loadInBatches(w, events, rng);
        const auto report = w.finishLoad();
        CHECK(report.events == sorted.size());
        CHECK(report.duplicateIds == repeats);
        CHECK(dumpState(w.state(), w.log()) == expected);
        // A second load into the same workspace starts from nothing.
        w.load(sorted);
        CHECK(dumpState(w.state(), w.log()) == expected);
    }
}

namespace {

// The first `cut` events of `whole` as a start installs them: through an image.
EventLog installedPrefix(const EventLog& whole, std::size_t cut) {
    EventLog prefix = whole;
    prefix.retain([&](Index i) { return i < cut; });
    auto image = throughImage(prefix);
    REQUIRE(image.has_value());
    return std::move(*image);
}

} // namespace

TEST_CASE("a start from an image of the log, then storage's events beyond it, gives the state of one fold") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    std::vector<Event> sorted = week.all();
    sortAndDeduplicate(sorted);
    const EventLog whole(sorted);
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        INFO("seed ", seed);
        Rng rng(seed * 7919);
        // The image holds the first `cut` events; storage gives back from `from` on (a
        // segment packed after the image straddles it), in id order or, past seed 15, not.
        const std::size_t cut = rng.below(sorted.size() + 1);
        const std::size_t from = cut - std::min(cut, rng.below(8));
        std::vector<Event> rest(sorted.begin() + static_cast<std::ptrdiff_t>(from), sorted.end());
        if (seed > 15) rng.shuffle(rest);
        Workspace w(99);
        w.beginLoad(installedPrefix(whole, cut));
        // Folded before storage's events come, or left part-way for the load to finish.
        if (seed % 2 == 0) {
            while (w.foldInstalled(1 + rng.below(10))) {
            }
        } else {
            w.foldInstalled(rng.below(10));
        }
        loadInBatches(w, rest, rng);
        const auto report = w.finishLoad();
        CHECK(report.events == sorted.size());
        CHECK(dumpState(w.state(), w.log()) == expected);
        // New commands go on from the last id, as after any load.
        CHECK(w.log().sortedUnique());
    }
}

TEST_CASE("events loaded one at a time after an image none of which is folded yet give the state of one fold") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    std::vector<Event> sorted = week.all();
    sortAndDeduplicate(sorted);
    const EventLog whole(sorted);
    for (const std::size_t cut : {std::size_t{1}, sorted.size() / 2, sorted.size() - 1}) {
        INFO("cut ", cut);
        Workspace w(99);
        w.beginLoad(installedPrefix(whole, cut));
        for (std::size_t i = cut - 1; i < sorted.size(); ++i) w.loadOne(sorted[i]); // the first is the image's
        const auto report = w.finishLoad();
        CHECK(report.events == sorted.size());
        CHECK(report.duplicateIds == 1);
        CHECK(dumpState(w.state(), w.log()) == expected);
    }
}

TEST_CASE("a state replaced by a restore is freed a slice at a time, leaving the new one as folded") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    std::vector<Event> sorted = week.all();
    sortAndDeduplicate(sorted);
    // Freed whole, a state is what fold() gives; a slice at a time it ends as an empty one.
    {
        State s = fold(EventLog(sorted));
        const std::size_t items = s.debtors.size() + s.contacts.size() + s.invoices.size() + s.payments.size() +
                                  s.promises.size() + s.stageChanges.size() + s.debtorById.size();
        REQUIRE(items > 20);
        std::size_t calls = 1;
        while (releaseSome(s, 1)) ++calls;
        CHECK(calls > items);
        CHECK(s == State{});
    }
    for (const std::size_t slice : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
        INFO("slice " << slice);
        Workspace w(99);
        w.load(week.all());
        CHECK_FALSE(w.hasRetired());
        auto fold = w.beginChecked(EventLog(sorted), "copia.json", true);
        while (fold->step(5)) {
        }
        CheckedLog checked = fold->take();
        REQUIRE_FALSE(checked.problem);
        w.adopt(std::move(checked), true);
        CHECK(w.hasRetired()); // the old state, kept for releaseRetired()
        while (w.releaseRetired(slice)) {
        }
        CHECK_FALSE(w.hasRetired());
        CHECK(dumpState(w.state(), w.log()) == expected);
    }
}

TEST_CASE("integrating the events in batches, in any order, gives the same state as one fold") {
    FirstWeekOfMarch week;
    const std::string expected = loaded(week.all());
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        INFO("seed ", seed);
        Rng rng(seed * 7919);
        std::vector<Event> events = week.all();
        rng.shuffle(events);
        Workspace w(99);
        std::size_t added = 0;
        for (std::size_t next = 0; next < events.size();) {
            const std::size_t size = std::min(events.size() - next, 1 + rng.below(8));
            const std::vector<Event> batch(events.begin() + static_cast<std::ptrdiff_t>(next),
                                           events.begin() + static_cast<std::ptrdiff_t>(next + size));
            added += w.integrate(batch).size();
            next += size;
        }
        CHECK(added == events.size());
        CHECK(dumpState(w.state(), w.log()) == expected);
    }
}

TEST_CASE("integrating events in id order applies them one by one, like a fresh fold") {
    FirstWeekOfMarch week;
    Workspace w(99);
    for (const auto& e : week.all()) {
        const auto revision = w.revision();
        CHECK(w.integrate({e}).size() == 1);
        CHECK(w.revision() == revision + 1);
    }
    CHECK(dumpState(w.state(), w.log()) == loaded(week.all()));
}

TEST_CASE("integrating events older than the last one folds them into place") {
    FirstWeekOfMarch week;
    // Luis's device knows only its own work; then Ana's, all of it older or interleaved, arrives.
    const auto his = madeOn(week.luis, 2);
    const auto hers = madeOn(week.ana, 1);
    Workspace w(99);
    w.load(his);
    const auto added = w.integrate(hers);
    CHECK(added.size() == hers.size());
    CHECK(std::is_sorted(added.begin(), added.end(),
                         [](const Event& a, const Event& b) { return a.id < b.id; }));
    CHECK(w.log().sortedUnique());
    std::vector<Event> both = his;
    both.insert(both.end(), hers.begin(), hers.end());
    CHECK(dumpState(w.state(), w.log()) == loaded(both));
}

TEST_CASE("integrating the same events twice adds nothing") {
    FirstWeekOfMarch week;
    Workspace w(99);
    w.load(week.all());
    const std::string before = dumpState(w.state(), w.log());
    const auto revision = w.revision();
    CHECK(w.integrate(week.all()).empty());
    CHECK(w.integrate(madeOn(week.luis, 2)).empty());
    CHECK(w.revision() == revision);
    CHECK(dumpState(w.state(), w.log()) == before);
    CHECK(w.log().size() == week.all().size());
}

TEST_CASE("the state after dispatching commands one by one is the fold of the events they made") {
    FirstWeekOfMarch week;
    // Ana's device built its state by dispatch and integrate; a fresh device folds the log.
    CHECK(week.ana.dump() == loaded(week.all()));
    // Adding one more command on each keeps them equal.
    week.ana.setNow("2026-03-06", 10);
    week.ana.pay(week.pena, 15000, "2026-03-06");
    CHECK(week.ana.dump() == loaded(week.all()));
    CHECK(week.ana.debtor(week.pena).stage == Stage::ClosedPaid);
}

TEST_CASE("a write that storage refused is taken out, and the state is as if it never happened") {
    FirstWeekOfMarch week;
    Book& b = week.ana;
    const std::string before = b.dump();
    b.setNow("2026-03-06", 10);
    const auto result = b.dispatch(
        command("recordPayment", {{"debtor", week.pena}, {"amount", eur(15000)}, {"date", "2026-03-06"}}));
    REQUIRE(result.ok());
    CHECK(b.workspace.isPending(result.event->id));
    CHECK(b.dump() != before);
    b.workspace.discard(result.event->id);
    CHECK_FALSE(b.workspace.isPending(result.event->id));
    CHECK(b.dump() == before);
    // A new event created after the discard still sorts after everything in the log.
    const auto next = b.dispatch(command("addNote", {{"debtor", week.pena}, {"text", "Reintentar"}}));
    REQUIRE(next.ok());
    CHECK(b.log().decodeAll().back().id == next.event->id);
}

TEST_CASE("the events of the merged week survive a backup, and it restores") {
    // A team's merged history must restore from its own backup: the work that overlapped on
    // two devices (a second void, a payment for an invoice already paid) is what concurrent
    // work produces, and the fold already gives it a meaning.
    FirstWeekOfMarch week;
    const std::string text = writeBackup(Settings{}, week.all());
    const auto read = readBackup(text, "semana.json");
    REQUIRE(read.contents.has_value());
    CHECK(writeBackup(read.contents->settings, read.contents->events) == text);
    const auto problem = checkIntegrity({}, read.contents->events, "semana.json");
    CHECK_MESSAGE(!problem.has_value(), (problem ? problem->describe(Lang::en) : std::string()));
    CHECK(loaded(read.contents->events.decodeAll()) == loaded(week.all()));
    // Merging Luis's work into a book holding only Ana's is accepted too.
    CHECK_FALSE(checkIntegrity(madeOn(week.ana, 1), madeOn(week.luis, 2), "luis.json").has_value());
}

// An event read from a file is checked as a command's payload is (every value judged as it
// would be once trimmed, its tags without blanks and repeats), but it is left as the file has
// it: the event applied and stored is the file's own (checkImported).
#include "core/exchange/backup.hpp"
#include "core/model/policy.hpp"
#include "core/rules/commands.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <functional>

using namespace recobra;
using namespace recobra::test;

namespace {

// checkImported gives the verdict validatePayload gives on a copy of the payload, and leaves
// the payload itself as it was.
std::optional<Problem> checkSameVerdict(const State& state, const Payload& payload, const CommandContext& context) {
    CommandContext importing = context;
    importing.importing = true;
    Payload normalized = payload;
    const auto expected = validatePayload(state, normalized, importing);
    const Payload before = payload;
    const auto found = checkImported(state, payload, context);
    CHECK(payload == before);
    REQUIRE(found.has_value() == expected.has_value());
    if (found) {
        CHECK(found->code == expected->code);
        CHECK(found->field == expected->field);
        CHECK(found->describe(Lang::en) == expected->describe(Lang::en));
        CHECK(found->describe(Lang::es) == expected->describe(Lang::es));
    }
    return found;
}

} // namespace

TEST_CASE("an event from a file is judged as its normalized self and left as the file has it") {
    Book book;
    const std::string debtor = book.registerDebtor("Peña S.L.", "12345678Z");
    const CommandContext& context = book.context;

    SUBCASE("a debtor registered with texts to trim, tags to tidy and its tax id as typed") {
        DebtorRegistered p;
        p.debtor = "d-0192e6ef8a1e00005eed0001";
        p.legalName = "  Imprenta Gómez  ";
        p.tradeName = " ";
        p.country = " ES ";
        p.taxId = " 87654321-x ";
        p.tags = {" vip ", "VIP", "", "  ", "obra"};
        p.notes = "\tnota\n";
        CHECK_FALSE(checkSameVerdict(book.state(), p, context)); // accepted
        std::vector<std::pair<const char*, std::function<void(DebtorRegistered&)>>> broken = {
            {"a blank legal name", [](DebtorRegistered& x) { x.legalName = " \t "; }},
            {"a country in lower case", [](DebtorRegistered& x) { x.country = " es "; }},
            {"a country of three letters", [](DebtorRegistered& x) { x.country = " ESP "; }},
            {"a Spanish tax id with the wrong letter", [](DebtorRegistered& x) { x.taxId = " 87654321A "; }},
            {"a tax id too short once trimmed", [](DebtorRegistered& x) { x.taxId = "   12  "; }},
            {"a tag too long once trimmed", [](DebtorRegistered& x) { x.tags = {" " + letters(51) + " "}; }},
            {"more tags than allowed, blanks counted", [](DebtorRegistered& x) { x.tags.assign(21, " "); }},
            {"a legal name too long once trimmed", [](DebtorRegistered& x) { x.legalName = " " + letters(201) + " "; }},
        };
        for (const auto& row : broken) {
            INFO(row.first);
            DebtorRegistered q = p;
            row.second(q);
            CHECK(checkSameVerdict(book.state(), q, context)); // refused
        }
        // A country of its own decides how the tax id is read: trimmed, it is Spain's.
        DebtorRegistered q = p;
        q.taxId = "87654321A";
        const auto found = checkImported(book.state(), q, context);
        REQUIRE(found);
        CHECK(found->field == "taxId");
    }

    SUBCASE("a debtor updated, a contact added and a note, with values to trim") {
        DebtorUpdated u;
        u.debtor = debtor;
        u.country = std::string(" FR ");
        u.taxId = std::string(" FR-123 456 ");
        u.legalName = std::string("  Peña Hermanos  ");
        checkSameVerdict(book.state(), u, context);
        u.country = std::string(" ES ");
        checkSameVerdict(book.state(), u, context); // the same tax id, now read as Spanish
        u.country.reset();
        u.taxId = std::string(" 12345678-z ");
        checkSameVerdict(book.state(), u, context);

        ContactAdded c;
        c.debtor = debtor;
        c.contact.id = "c-0192e6ef8a1e00005eed0002";
        c.contact.name = " Ana ";
        c.contact.email = "  ana@pena.es ";
        c.contact.phone = " +34 600 123 456 ";
        CHECK_FALSE(checkSameVerdict(book.state(), c, context));
        for (const char* email : {" ana@ ", " ana pena@x.es ", "   "}) {
            INFO(email);
            ContactAdded d = c;
            d.contact.email = email;
            checkSameVerdict(book.state(), d, context);
        }
        ContactAdded noName = c;
        noName.contact.name = "  ";
        checkSameVerdict(book.state(), noName, context);
        ContactAdded badPhone = c;
        badPhone.contact.phone = " 12 ";
        checkSameVerdict(book.state(), badPhone, context);

        NoteAdded n;
        n.debtor = debtor;
        n.note = "n-0192e6ef8a1e00005eed0003";
        n.text = "  llamar el lunes  ";
        CHECK_FALSE(checkSameVerdict(book.state(), n, context));
        n.text = " \n ";
        CHECK(checkSameVerdict(book.state(), n, context));
    }
}

TEST_CASE("a policy from a file is checked as sorted and trimmed, and left as the file has it") {
    Book book;
    PolicyUpdated p;
    p.policy = defaultPolicy();
    std::reverse(p.policy.ladder.begin(), p.policy.ladder.end());
    for (auto& step : p.policy.ladder) step.templateName = " " + step.templateName + " ";
    CHECK_FALSE(checkSameVerdict(book.state(), p, book.context));
    // Two steps on the same day, apart until sorted.
    REQUIRE(p.policy.ladder.size() >= 3);
    p.policy.ladder.front().day = p.policy.ladder.back().day;
    const auto found = checkSameVerdict(book.state(), p, book.context);
    REQUIRE(found);
    CHECK(found->code == Str::err_policy_step_day_twice);
}

TEST_CASE("an agenda item done in a file is found done as trimmed, as it was checked") {
    Book book;
    const std::string debtor = book.registerDebtor("Peña S.L.");
    State state = book.state();
    Event done;
    done.id = EventId{1'773'136'200'123, 0, 7};
    done.ts = done.id.ms;
    AgendaDone first;
    first.debtor = debtor;
    first.key = "call:" + debtor;
    first.reason = "llamado";
    done.payload = first;
    REQUIRE_FALSE(apply(state, done, static_cast<Index>(book.log().size())).problem);
    AgendaDone again = first;
    again.key = "  call:" + debtor + " ";
    const auto found = checkSameVerdict(state, again, book.context);
    REQUIRE(found);
    CHECK(found->code == Str::err_agenda_item_done);
}

TEST_CASE("a restore applies the file's events as they are, spaces and all") {
    // Checked as trimmed, stored as written: a start that folds the stored log shows the same.
    Book book;
    std::vector<Event> base;
    std::vector<Event> incoming(1);
    incoming[0].id = EventId{1'773'136'200'123, 0, 7};
    incoming[0].ts = incoming[0].id.ms;
    incoming[0].author = "Ana";
    DebtorRegistered p;
    p.debtor = "d-0192e6ef8a1e00005eed0001";
    p.legalName = "  Imprenta Gómez  ";
    p.country = " ES ";
    p.taxId = " 87654321-x ";
    p.tags = {" vip ", "VIP"};
    incoming[0].payload = p;
    const CheckedLog out = foldChecked(base, incoming, "copia.json");
    REQUIRE_FALSE(out.problem);
    REQUIRE(out.state.debtors.size() == 1);
    CHECK(out.state.debtors[0].profile.legalName == "  Imprenta Gómez  ");
    CHECK(out.state.debtors[0].profile.tags == std::vector<std::string>{" vip ", "VIP"});
    Event stored;
    out.log.decode(0, stored);
    CHECK(stored == incoming[0]);
}

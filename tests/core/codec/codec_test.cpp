// Events as JSON: every payload type round-trips to identical bytes, keys are sorted the way
// nlohmann sorts them, optional fields are left out when they hold their default, and
// decoding is strict, naming the exact path of what is wrong.
#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/model/settings.hpp"
#include "core/values/text.hpp"
#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <doctest/doctest.h>
#include <functional>
#include <set>

using namespace recobra;
using namespace recobra::test;

namespace {

// Texts that need escaping, and Spanish letters that must pass through as UTF-8.
const std::string kTricky = "Peña «La Imprenta» \"S.L.\"\n\tcalle Mayor, 3 — 2º\\1ª \x01";

ContactInfo fullContact(const char* id) {
    return ContactInfo{"Calle Mayor 3, 46001 València",
                       "maria@pena.es",
                       id,
                       "María Peña",
                       "+34 600 123 456",
                       Channel::WhatsApp,
                       "Gerente"};
}

// A fully populated example of every payload type: every optional field holds something
// other than its default, so every field is written. A new payload type without an example
// does not compile.
template <class T> struct Example {
    static_assert(sizeof(T) == 0, "add a fully populated example of the new payload type");
};
template <> struct Example<DebtorRegistered> {
    static DebtorRegistered make() {
        DebtorRegistered p;
        p.assignee = "m-0193a5c8e1f200003fa9c1d2";
        p.bankRefs = "ES91 2100 0418 4502 0005 1332";
        p.commercialRefs = "Cliente desde 2019";
        p.contacts = {fullContact("c-1"), fullContact("c-2")};
        p.country = "ES";
        p.creditLimit = euros(500000);
        p.debtor = "d-0193a5c8e1f200003fa9c1d2";
        p.kind = DebtorKind::Autonomo;
        p.legalName = kTricky;
        p.notes = "Paga en agosto";
        p.relationship = Relationship::Occasional;
        p.tags = {"diseño", "valència"};
        p.taxId = "B12345674";
        p.tradeName = "Peña Print";
        return p;
    }
};
template <> struct Example<DebtorUpdated> {
    static DebtorUpdated make() {
        DebtorUpdated p;
        p.bankRefs = "IBAN";
        p.clearCreditLimit = true;
        p.commercialRefs = "";
        p.country = "PT";
        p.creditLimit = Money{100, *CurrencyCode::parse("CLP")};
        p.debtor = "d-1";
        p.kind = DebtorKind::PublicAdministration;
        p.legalName = "Câmara Municipal";
        p.notes = "";
        p.relationship = Relationship::Regular;
        p.tags = std::vector<std::string>{"vip"};
        p.taxId = "PT501234567";
        p.tradeName = kTricky;
        return p;
    }
};
template <> struct Example<ContactAdded> {
    static ContactAdded make() { return ContactAdded{fullContact("c-3"), "d-1"}; }
};
template <> struct Example<ContactUpdated> {
    static ContactUpdated make() {
        return ContactUpdated{"Otra calle", "c-3", "", "Eva", "600000000", Channel::Burofax, "Contabilidad"};
    }
};
template <> struct Example<ContactRemoved> {
    static ContactRemoved make() { return ContactRemoved{"c-3"}; }
};
template <> struct Example<InvoiceAdded> {
    static InvoiceAdded make() {
        return InvoiceAdded{euros(121000),     "d-1",        kTricky,
                            day("2024-03-31"), "i-1",        day("2024-02-29"),
                            InvoiceKind::B2C,  "F-2024/0229"};
    }
};
template <> struct Example<InvoiceUpdated> {
    static InvoiceUpdated make() {
        return InvoiceUpdated{euros(1),         "",   day("2026-12-31"), "i-1", day("2026-01-01"),
                              InvoiceKind::B2B, "F-1"};
    }
};
template <> struct Example<InvoiceVoided> {
    static InvoiceVoided make() { return InvoiceVoided{"i-1", "Abono F-2026/0007"}; }
};
template <> struct Example<InvoiceDisputeSet> {
    static InvoiceDisputeSet make() { return InvoiceDisputeSet{false, "i-1", "Acuerdo alcanzado"}; }
};
template <> struct Example<PaymentRecorded> {
    static PaymentRecorded make() {
        return PaymentRecorded{{{20000, "i-1"}, {5000, "i-2"}}, euros(30000), day("2026-03-09"), "d-1",
                               PaymentMethod::DirectDebit,      "p-1",        "Remesa 2026/03"};
    }
};
template <> struct Example<InteractionLogged> {
    static InteractionLogged make() {
        InteractionLogged p;
        p.acknowledgesDebt = true;
        p.at = 1'773'136'200'000; // 10 March 2026, 09:50 UTC
        p.attitude = Attitude::InDifficulty;
        p.channel = Channel::Visit;
        p.debtor = "d-1";
        p.direction = Direction::Inbound;
        p.formalClaim = true;
        p.interaction = "x-1";
        p.invoices = {"i-1", "i-2"};
        p.letter = LetterSent{"es", "BF-2026-0042", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                              "Requerimiento", "formal_demand", kTricky};
        p.limitOverride = "Pidió que le llamáramos por la noche";
        p.outcome = Outcome::Promise;
        p.promise = PromiseTerms{Money{150000, *CurrencyCode::parse("MXN")}, day("2026-03-20"), "r-1"};
        p.summary = kTricky;
        return p;
    }
};
template <> struct Example<StageChanged> {
    static StageChanged make() {
        return StageChanged{"d-1", "Burofax sin respuesta", Stage::ClosedWrittenOff};
    }
};
template <> struct Example<DebtorAssigned> {
    static DebtorAssigned make() { return DebtorAssigned{"d-1", "m-2"}; }
};
template <> struct Example<NoteAdded> {
    static NoteAdded make() { return NoteAdded{"d-1", "n-1", kTricky}; }
};
template <> struct Example<MemberAdded> {
    static MemberAdded make() { return MemberAdded{"luis@taller.es", "m-2", "Luis Ruiz", "Cobros"}; }
};
template <> struct Example<MemberUpdated> {
    static MemberUpdated make() { return MemberUpdated{false, "", "m-2", "Luis R.", "Socio"}; }
};
template <> struct Example<PolicyUpdated> {
    static PolicyUpdated make() {
        PolicyUpdated p{defaultPolicy()};
        p.policy.segmentLadders.at(0).steps.at(0).templateName = kTricky;
        return p;
    }
};
template <> struct Example<PauseSet> {
    static PauseSet make() {
        return PauseSet{"d-1", day("2026-03-10"), "i-1", "h-1", "Ingresado en el hospital", day("2026-04-30")};
    }
};
template <> struct Example<PauseLifted> {
    static PauseLifted make() { return PauseLifted{day("2026-03-20"), "h-1", "Ya está en casa"}; }
};
template <> struct Example<AgendaDone> {
    static AgendaDone make() { return AgendaDone{"d-1", "escalation:d-1:i-1:15", "Carta enviada"}; }
};
template <> struct Example<AgendaSnoozed> {
    static AgendaSnoozed make() {
        return AgendaSnoozed{"d-1", "promise_broken:r-1", "Espera la transferencia", day("2026-03-17")};
    }
};
template <> struct Example<RateSet> {
    static RateSet make() {
        return RateSet{1040, true, "2026-H2", "BOE-A-2026-00000 «prueba»", RateTable::LegalInterest};
    }
};
template <> struct Example<SuspensionSet> {
    static SuspensionSet make() {
        return SuspensionSet{true, day("2030-03-01"), "Real Decreto de prueba", "es-2030-alarma", day("2030-04-01")};
    }
};
template <> struct Example<PrescriptionTermSet> {
    static PrescriptionTermSet make() {
        return PrescriptionTermSet{"d-1", "i-1", "Honorarios de abogado (art. 1967)", PrescriptionTerm::ThreeYears};
    }
};
template <> struct Example<ProofAttached> {
    static ProofAttached make() {
        return ProofAttached{"d-1", "x-1", ProofKind::NotarialAct, day("2026-03-12"), "Acta 1.234/2026"};
    }
};
template <> struct Example<CreditorUpdated> {
    static CreditorUpdated make() {
        return CreditorUpdated{Creditor{"Calle de la Paz 12\n46003 Valencia", "cobros@estudioruiz.es",
                                        "ES9121000418450200051332", "Estudio Marta Ruiz S.L.", "Bizum 600 123 456",
                                        "+34 961 234 567", "Valencia", "Marta Ruiz", "Gerente", "B12345674", kTricky}};
    }
};
template <> struct Example<TemplateSaved> {
    static TemplateSaved make() { return TemplateSaved{kTricky, "en", "Last notice", true, "{{reference}}", "last_notice"}; }
};
template <> struct Example<ChargesClosed> {
    static ChargesClosed make() {
        return ChargesClosed{"i-1", day("2026-03-20"), ChargesOutcome::Waived, "Renuncia pactada al cobrar"};
    }
};

template <> struct Example<PlanAgreed> {
    static PlanAgreed make() {
        return PlanAgreed{true,
                          day("2026-01-31"),
                          "d-1",
                          euros(5000),
                          5,
                          {{euros(3333), day("2026-02-28")}, {euros(3334), day("2026-03-31")}},
                          PlanInterest::Included,
                          euros(1667),
                          {"i-1", "i-2"},
                          "q-1",
                          kTricky};
    }
};
template <> struct Example<PlanAmended> {
    static PlanAmended make() {
        return PlanAmended{"d-1", {{euros(6667), day("2026-04-30")}}, day("2026-03-01"), "q-1", kTricky};
    }
};
template <> struct Example<PlanCancelled> {
    static PlanCancelled make() { return PlanCancelled{"d-1", day("2026-03-02"), "q-1", kTricky}; }
};
template <> struct Example<OfferMade> {
    static OfferMade make() {
        return OfferMade{day("2026-02-15"), "d-1",       {"i-1"}, OfferKind::Settlement, day("2026-02-01"),
                         "o-1",             euros(8000), 2000,    kTricky};
    }
};

Event envelope(Payload payload) {
    Event e;
    e.id = EventId{1'773'136'200'123, 7, 0x3fa9c1d2};
    e.ts = 1'773'136'200'123;
    e.author = "Ana García";
    e.payload = std::move(payload);
    return e;
}

template <class T> Event fullEvent() {
    return envelope(Example<T>::make());
}

template <class T> const char* typeCodeOf() {
    if constexpr (IsOptional<T>::value)
        return typeCodeOf<typename T::value_type>();
    else if constexpr (std::is_same_v<T, std::string>)
        return "err_type_text";
    else if constexpr (std::is_same_v<T, bool>)
        return "err_type_boolean";
    else if constexpr (std::is_same_v<T, std::int64_t>)
        return "err_type_integer";
    else if constexpr (std::is_same_v<T, Date>)
        return "err_type_date";
    else if constexpr (std::is_same_v<T, Money>)
        return "err_type_money";
    else if constexpr (std::is_enum_v<T>)
        return "err_type_text";
    else if constexpr (IsVector<T>::value)
        return "err_type_list";
    else
        return "err_type_object";
}

// What visit() declares: each field's key, whether it is required, and the reason a value of
// the wrong JSON type gets.
struct Field {
    std::string key;
    bool required;
    std::string wrongTypeReason;
    json wrongValue;
};
struct FieldLister {
    std::vector<Field> fields;
    template <class F> void operator()(const char* key, F&, Presence presence = Req) {
        fields.push_back(
            {key, presence == Req, typeCodeOf<F>(),
             std::is_same_v<F, bool> || std::is_same_v<F, std::optional<bool>> ? json("yes") : json(true)});
    }
};
template <class T> std::vector<Field> fieldsOf() {
    T value{};
    FieldLister lister;
    value.visit(lister);
    return lister.fields;
}

// Every declared field, at every depth, is present in the JSON: the example is full.
struct AllWritten {
    const json& object;
    std::string path;
    template <class F> void operator()(const char* key, F& value, Presence = Req) {
        const std::string at = path + "." + key;
        INFO("field ", at);
        CHECK(object.contains(key));
        if (object.contains(key)) nested(object.at(key), value, at);
    }
    template <class F> static void nested(const json& j, F& value, const std::string& at) {
        if constexpr (IsOptional<F>::value) {
            if (value) nested(j, *value, at);
        } else if constexpr (IsVector<F>::value) {
            INFO("list ", at);
            CHECK_FALSE(value.empty());
            for (std::size_t i = 0; i < value.size() && i < j.size(); ++i)
                nested(j.at(i), value[i], at + "[" + std::to_string(i) + "]");
        } else if constexpr (IsVisitable<F>::value) {
            AllWritten inner{j, at};
            value.visit(inner);
        }
    }
};

json payloadJson(const Event& e) {
    return json::parse(encodeEvent(e)).at("payload");
}

// Decodes `event` with its payload changed by `edit`; returns the problem.
template <class Edit> std::optional<Problem> decodeEdited(const Event& e, Edit edit) {
    json j = json::parse(encodeEvent(e));
    edit(j);
    return decodeEventText(std::string_view(j.dump())).problem;
}

// The JSON text of `j` with the keys of every object, at every depth, in reverse order.
std::string reversedText(const json& j) {
    std::vector<std::string> parts;
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) parts.push_back(json(it.key()).dump() + ":" + reversedText(*it));
        std::reverse(parts.begin(), parts.end());
    } else if (j.is_array()) {
        for (const auto& item : j) parts.push_back(reversedText(item));
    } else {
        return j.dump();
    }
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : ",") + part;
    return j.is_object() ? "{" + out + "}" : "[" + out + "]";
}

} // namespace

TEST_CASE("event ids print as fixed-width hex, as printf would, and parse back in the same order") {
    const EventId ids[] = {
        {0, 0, 0},
        {1'773'136'200'123, 7, 0x3fa9c1d2},
        {1'773'136'200'123, 0xffff, 0xffffffff},
        {(std::int64_t{1} << 48) - 1, 0x0a0b, 0x0000beef},
    };
    std::vector<std::string> texts;
    for (const EventId& id : ids) {
        char expected[40];
        std::snprintf(expected, sizeof expected, "%012llx-%04x-%08x", static_cast<unsigned long long>(id.ms), id.counter, id.device);
        CHECK(id.str() == expected);
        std::snprintf(expected, sizeof expected, "%012llx%04x%08x", static_cast<unsigned long long>(id.ms), id.counter, id.device);
        CHECK(id.compact() == expected);
        std::string appended = "id:";
        id.appendTo(appended);
        CHECK(appended == "id:" + id.str());
        CHECK(EventId::parse(id.str()) == id);
        texts.push_back(id.str());
    }
    CHECK(std::is_sorted(texts.begin(), texts.end()));
    CHECK(EventId{1'773'136'200'123, 7, 0x3fa9c1d2}.str() == "019cd72741bb-0007-3fa9c1d2");
    // Past 2^48 ms (the year 10889) an id takes more digits, as printf gives them, and is no
    // longer one the app reads.
    const EventId far{std::int64_t{1} << 48, 1, 2};
    CHECK(far.str() == "1000000000000-0001-00000002");
    CHECK(far.compact() == "1000000000000000100000002");
    CHECK_FALSE(EventId::parse(far.str()));
}

TEST_CASE("every payload type round-trips to identical bytes, keys sorted as nlohmann sorts them") {
    std::size_t types = 0;
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO("payload ", std::string(T::kType));
        ++types;
        const Event event = fullEvent<T>();
        const std::string bytes = encodeEvent(event);
        CHECK(bytes == json::parse(bytes).dump()); // canonical: sorted keys, no spaces, same escapes
        const auto decoded = decodeEventText(std::string_view(bytes));
        REQUIRE(decoded.event.has_value());
        CHECK(decoded.event->known());
        CHECK(decoded.event->id == event.id);
        CHECK(decoded.event->ts == event.ts);
        CHECK(decoded.event->author == event.author);
        CHECK(decoded.event->version == kSchemaVersion);
        CHECK(std::string(decoded.event->type()) == T::kType);
        CHECK(encodeEvent(*decoded.event) == bytes);
        // The example is fully populated: nothing was left out as a default.
        T example = Example<T>::make();
        AllWritten all{payloadJson(event), "payload"};
        example.visit(all);
    });
    CHECK(types + 1 == std::variant_size_v<Payload>); // all but UnknownEvent
}

TEST_CASE("visit() lists every payload's fields once, in alphabetical order of their keys") {
    // The writer emits fields in visit() order: only alphabetical order makes the output canonical.
    auto sortedAndUnique = [](const std::vector<Field>& fields, const char* what) {
        INFO(what);
        for (std::size_t i = 1; i < fields.size(); ++i) CHECK(fields[i - 1].key < fields[i].key);
    };
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        sortedAndUnique(fieldsOf<T>(), T::kType);
    });
    sortedAndUnique(fieldsOf<ContactInfo>(), "ContactInfo");
    sortedAndUnique(fieldsOf<PromiseTerms>(), "PromiseTerms");
    sortedAndUnique(fieldsOf<Allocation>(), "Allocation");
    sortedAndUnique(fieldsOf<Settings>(), "Settings");
    sortedAndUnique(fieldsOf<Policy>(), "Policy");
    sortedAndUnique(fieldsOf<LadderStep>(), "LadderStep");
    sortedAndUnique(fieldsOf<SegmentLadder>(), "SegmentLadder");
}

TEST_CASE("optional fields holding their default are left out; required ones are always written") {
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO("payload ", std::string(T::kType));
        const Event event = envelope(T{});
        const json written = payloadJson(event);
        std::set<std::string> required, present;
        for (const auto& f : fieldsOf<T>())
            if (f.required) required.insert(f.key);
        for (auto it = written.begin(); it != written.end(); ++it) present.insert(it.key());
        CHECK(present == required);
        // And reading them back gives the defaults: the same bytes again.
        const auto decoded = decodeEventText(std::string_view(encodeEvent(event)));
        REQUIRE(decoded.event.has_value());
        CHECK(encodeEvent(*decoded.event) == encodeEvent(event));
    });
}

TEST_CASE("the envelope is written with sorted keys around the payload") {
    const std::string bytes = encodeEvent(envelope(ContactRemoved{"c-3"}));
    CHECK(bytes == R"({"author":"Ana García","id":"019cd72741bb-0007-3fa9c1d2","payload":{"contact":"c-3"},)"
                   R"("ts":1773136200123,"type":"contact.removed","v":1})");
}

TEST_CASE("every required field missing is named, in every payload type") {
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        const Event event = fullEvent<T>();
        for (const auto& f : fieldsOf<T>()) {
            if (!f.required) continue;
            INFO(std::string(T::kType), ": without ", f.key);
            const auto p = decodeEdited(event, [&](json& j) { j["payload"].erase(f.key); });
            CHECK(code(p) == "err_field_missing");
            CHECK((p ? p->field : "") == "payload." + f.key);
            CHECK((p ? p->record : "") == event.id.str());
            // null is the same as missing
            const auto q = decodeEdited(event, [&](json& j) { j["payload"][f.key] = nullptr; });
            CHECK(code(q) == "err_field_missing");
        }
    });
}

TEST_CASE("every field of the wrong JSON type is named, in every payload type") {
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        const Event event = fullEvent<T>();
        for (const auto& f : fieldsOf<T>()) {
            INFO(std::string(T::kType), ": ", f.key, " = ", f.wrongValue.dump());
            const auto p = decodeEdited(event, [&](json& j) { j["payload"][f.key] = f.wrongValue; });
            CHECK(code(p) == f.wrongTypeReason);
            CHECK((p ? p->field : "") == "payload." + f.key);
        }
    });
}

TEST_CASE("an unknown field is refused, at every depth, in every payload type") {
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO(std::string(T::kType));
        const Event event = fullEvent<T>();
        const auto p = decodeEdited(event, [](json& j) { j["payload"]["zzz"] = 1; });
        CHECK(code(p) == "err_field_unknown");
        CHECK((p ? p->field : "") == "payload.zzz");
    });
    const auto p = decodeEdited(fullEvent<NoteAdded>(), [](json& j) { j["signature"] = "x"; });
    CHECK(code(p) == "err_field_unknown");
    CHECK((p ? p->field : "") == "signature");
}

TEST_CASE("strict decoding names the exact path of what is wrong") {
    struct Row {
        const char* rule;
        Event event;
        const char* pointer; // RFC 6901 pointer to the value replaced
        const char* value;   // JSON text; "-" removes the value
        const char* field;
        const char* reason;
    };
    const Event interaction = fullEvent<InteractionLogged>();
    const Event invoice = fullEvent<InvoiceAdded>();
    const Event payment = fullEvent<PaymentRecorded>();
    const Event debtor = fullEvent<DebtorRegistered>();
    const Event contact = fullEvent<ContactAdded>();
    const Row rows[] = {
        {"an amount is whole minor units", interaction, "/payload/promise/amount/minor", "200.5",
         "payload.promise.amount.minor", "err_type_integer"},
        {"even when the fraction is zero", interaction, "/payload/promise/amount/minor", "200.0",
         "payload.promise.amount.minor", "err_type_integer"},
        {"or written with an exponent", invoice, "/payload/amount/minor", "1e3", "payload.amount.minor",
         "err_type_integer"},
        {"an amount fits in 64 bits", invoice, "/payload/amount/minor", "18446744073709551615",
         "payload.amount.minor", "err_number_range"},
        {"an amount has its minor units", invoice, "/payload/amount/minor", "-", "payload.amount.minor",
         "err_field_missing"},
        {"an amount has its currency", invoice, "/payload/amount/currency", "-", "payload.amount.currency",
         "err_field_missing"},
        {"in a currency Recobra knows", interaction, "/payload/promise/amount/currency", "\"XXX\"",
         "payload.promise.amount.currency", "err_currency_unknown"},
        {"written as its ISO code", invoice, "/payload/amount/currency", "\"eur\"", "payload.amount.currency",
         "err_currency_unknown"},
        {"an amount holds nothing else", invoice, "/payload/amount/vat", "21", "payload.amount.vat",
         "err_field_unknown"},
        {"a date exists in the calendar", invoice, "/payload/dueDate", "\"2026-02-30\"", "payload.dueDate",
         "err_date_invalid"},
        {"a date is written YYYY-MM-DD", invoice, "/payload/issueDate", "\"2026-2-3\"", "payload.issueDate",
         "err_date_invalid"},
        {"a date is between 1900 and 2200", invoice, "/payload/issueDate", "\"1899-12-31\"",
         "payload.issueDate", "err_date_invalid"},
        {"a promise's date too", interaction, "/payload/promise/dueDate", "\"2026-04-31\"",
         "payload.promise.dueDate", "err_date_invalid"},
        {"an enumeration holds a known value", interaction, "/payload/channel", "\"fax\"", "payload.channel",
         "err_field_choice"},
        {"in lower case", interaction, "/payload/outcome", "\"Promise\"", "payload.outcome",
         "err_field_choice"},
        {"inside a list of objects too", debtor, "/payload/contacts/1/preferredChannel", "\"pigeon\"",
         "payload.contacts[1].preferredChannel", "err_field_choice"},
        {"a list holds the right type", debtor, "/payload/tags/1", "3", "payload.tags[1]", "err_type_text"},
        {"an allocation's amount is an integer", payment, "/payload/allocations/0/amount", "\"100\"",
         "payload.allocations[0].amount", "err_type_integer"},
        {"an allocation names its invoice", payment, "/payload/allocations/1/invoice", "-",
         "payload.allocations[1].invoice", "err_field_missing"},
        {"a promise has an id", interaction, "/payload/promise/id", "-", "payload.promise.id",
         "err_field_missing"},
        {"a promise is an object", interaction, "/payload/promise", "[]", "payload.promise",
         "err_type_object"},
        {"a nested object has no unknown fields", contact, "/payload/contact/fax", "\"96 000 00 00\"",
         "payload.contact.fax", "err_field_unknown"},
        {"a nested object has its required fields", contact, "/payload/contact/name", "-",
         "payload.contact.name", "err_field_missing"},
        {"the event id is required", invoice, "/id", "-", "id", "err_field_missing"},
        {"an event id has its fixed form", invoice, "/id", "\"0193A5C8E1F2-0000-3FA9C1D2\"", "id",
         "err_event_id"},
        {"the author is required", invoice, "/author", "-", "author", "err_field_missing"},
        {"the author is text", invoice, "/author", "7", "author", "err_type_text"},
        {"the time is an integer", invoice, "/ts", "\"2026-03-10\"", "ts", "err_type_integer"},
        {"the type is required", invoice, "/type", "-", "type", "err_field_missing"},
        {"the schema version is required", invoice, "/v", "-", "v", "err_field_missing"},
        {"the schema version starts at 1", invoice, "/v", "0", "v", "err_schema_version"},
        {"the schema version is an integer", invoice, "/v", "1.5", "v", "err_schema_version"},
        {"the payload is required", invoice, "/payload", "-", "payload", "err_field_missing"},
        {"the payload is an object", invoice, "/payload", "[]", "payload", "err_type_object"},
    };
    for (const auto& row : rows) {
        INFO(row.rule, ": ", row.pointer, " = ", row.value);
        json j = json::parse(encodeEvent(row.event));
        const json::json_pointer pointer(row.pointer);
        if (std::string(row.value) == "-")
            j.at(pointer.parent_pointer()).erase(pointer.back());
        else
            j[pointer] = json::parse(row.value);
        const auto decoded = decodeEventText(std::string_view(j.dump()));
        CHECK_FALSE(decoded.event.has_value());
        CHECK(code(decoded.problem) == row.reason);
        CHECK((decoded.problem ? decoded.problem->field : "") == row.field);
    }
}

TEST_CASE("a problem in an event's payload names the event") {
    const Event e = fullEvent<InvoiceAdded>();
    const auto p = decodeEdited(e, [](json& j) { j["payload"]["dueDate"] = "2026-13-01"; });
    REQUIRE(p.has_value());
    CHECK(p->record == e.id.str());
    CHECK(p->describe(Lang::en) ==
          "event " + e.id.str() + ", field payload.dueDate: “2026-13-01” is not a valid date");
    CHECK(p->describe(Lang::es) ==
          "evento " + e.id.str() + ", campo payload.dueDate: «2026-13-01» no es una fecha válida");
}

TEST_CASE("text that is not JSON, or not an object, is a problem, never a crash") {
    struct Row {
        const char* text;
        const char* reason;
    };
    const Row rows[] = {
        {"", "err_json_syntax"},     {"{", "err_json_syntax"},     {"{\"id\":}", "err_json_syntax"},
        {"nul", "err_json_syntax"},  {"{} {}", "err_json_syntax"}, {"\"\xff\"", "err_json_syntax"},
        {"[]", "err_type_object"},   {"42", "err_type_object"},    {"null", "err_type_object"},
        {"{}", "err_field_missing"},
    };
    for (const auto& row : rows) {
        INFO(json(std::string(row.text)).dump(-1, ' ', true, json::error_handler_t::replace));
        const auto decoded = decodeEventText(std::string_view(row.text));
        CHECK_FALSE(decoded.event.has_value());
        CHECK(code(decoded.problem) == row.reason);
    }
    // The syntax error says where.
    const auto p = decodeEventText(std::string_view(R"({"id": x})")).problem;
    REQUIRE(p.has_value());
    REQUIRE(p->args.size() == 2);
    CHECK(p->args[0] == "8");
}

TEST_CASE("a command names wrong fields without the payload prefix") {
    // The same reader serves commands: their fields are at the top.
    Book book;
    const auto p = book.refuse(command("addMember", {{"name", "Eva"}, {"emial", "eva@x.es"}}));
    CHECK(p.field == "emial");
    CHECK(code(p) == "err_field_unknown");
}

// --- the in-memory log (event_log.hpp): compact binary records ------------------------------------

TEST_CASE("every payload type, full or all defaults, and an unknown event come back from the log as they went in") {
    std::vector<Event> events;
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        events.push_back(fullEvent<T>());
        events.push_back(envelope(T{})); // empty texts, empty lists, options unset
    });
    Event unknown = fullEvent<NoteAdded>();
    unknown.payload = UnknownEvent{"plan.created", "{\"payload\":{\"x\":[1,2,{\"y\":null}]},\"type\":\"plan.created\"}"};
    unknown.version = 7;
    events.push_back(unknown);
    // Texts that look almost like an entity id are kept as they are; extremes of numbers.
    NoteAdded near;
    near.debtor = "d-0192E6EF8A1E00005EED0000";   // upper-case hex
    near.note = "d-0192e6ef8a1e00005eed000";      // one digit short
    near.text = "n-0192e6ef8a1e00005eed0000-1";   // a suffix
    Event nearEvent = envelope(near);
    nearEvent.ts = -1;
    nearEvent.author = kTricky;
    events.push_back(nearEvent);
    InvoiceAdded extreme = Example<InvoiceAdded>::make();
    extreme.amount.minor = std::numeric_limits<std::int64_t>::min();
    extreme.dueDate = Date::fromYmd(2200, 12, 31).value();
    extreme.issueDate = Date::fromYmd(1900, 1, 1).value();
    events.push_back(envelope(extreme));
    for (std::size_t i = 0; i < events.size(); ++i) events[i].id = EventId{1'700'000'000'000 + static_cast<std::int64_t>(i), 0, 3};

    const EventLog log(events);
    REQUIRE(log.size() == events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        INFO("event ", i, " ", events[i].type());
        CHECK(log.id(i) == events[i].id);
        CHECK(log[i] == events[i]);
        CHECK(log.payloadIndex(i) == events[i].payload.index()); // read without decoding
        // Written as JSON straight from the record: the same bytes as the decoded event gives.
        std::string json;
        log.appendJson(i, json);
        CHECK(json == encodeEvent(events[i]));
    }
    CHECK(log.decodeAll() == events);
    CHECK(log.sortedUnique());
    CHECK(log.find(events[5].id) == Index{5});
    CHECK_FALSE(log.find(EventId{1, 0, 3}).has_value());
}

TEST_CASE("one decoder reused line after line gives what a fresh decode gives, defaults included") {
    // EventDecoder keeps one event per payload type and reuses its memory: a full event must
    // leave nothing behind in the all-defaults one of the same type that follows, and back.
    std::vector<Event> events;
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        events.push_back(fullEvent<T>());
        events.push_back(envelope(T{}));
        events.push_back(fullEvent<T>());
    });
    std::vector<std::string> texts;
    for (const auto& e : events) texts.push_back(encodeEvent(e));
    // A type this version does not know (kept whole), then a known one again.
    std::string unknown = encodeEvent(fullEvent<NoteAdded>());
    unknown.replace(unknown.find("note.added"), 10, "plan.created");
    texts.push_back(unknown);
    texts.push_back(encodeEvent(fullEvent<NoteAdded>()));
    EventDecoder decoder;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const std::string& text = texts[i];
        INFO("event ", i, " ", text);
        REQUIRE_FALSE(decoder.decode(text));
        const auto fresh = decodeEventText(text);
        REQUIRE(fresh.event);
        CHECK(decoder.event() == *fresh.event);
        CHECK(encodeEvent(decoder.event()) == text);
    }
    // A problem is the one a fresh decode names, and the decoder goes on afterwards.
    const std::string bad = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"debtor":7},"ts":1,"type":"note.added","v":1})";
    const auto problem = decoder.decode(bad);
    REQUIRE(problem);
    CHECK(problem->field == decodeEventText(bad).problem->field);
    CHECK(problem->record == "0192e6ef8a1e-0000-5eed0000");
    REQUIRE_FALSE(decoder.decode(encodeEvent(events[0])));
    CHECK(decoder.event() == events[0]);
}

TEST_CASE("fields in another order than the app writes them read as in order; a key written twice is refused") {
    // The reader takes each field where the one before it ended, and looks up only those out
    // of order: the result must not depend on the order.
    EventDecoder decoder;
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        const Event event = fullEvent<T>();
        const std::string text = reversedText(json::parse(encodeEvent(event)));
        INFO(text);
        REQUIRE_FALSE(decoder.decode(text));
        CHECK(decoder.event() == event);
        const auto fresh = decodeEventText(text);
        REQUIRE(fresh.event);
        CHECK(*fresh.event == event);
        // What is wrong is named as it is in order: each required field missing, or one unknown.
        std::vector<json> wrong;
        for (const auto& f : fieldsOf<T>()) {
            if (!f.required) continue;
            wrong.push_back(json::parse(encodeEvent(event)));
            wrong.back()["payload"].erase(f.key);
        }
        for (const char* unknown : {"aaa", "zzz"}) { // before every field, after every field
            wrong.push_back(json::parse(encodeEvent(event)));
            wrong.back()["payload"][unknown] = 1;
        }
        for (const json& edited : wrong) {
            const auto inOrder = decodeEventText(std::string_view(edited.dump())).problem;
            const auto reversed = decoder.decode(reversedText(edited));
            REQUIRE(inOrder);
            REQUIRE(reversed);
            CHECK(reversed->code == inOrder->code);
            CHECK(reversed->field == inOrder->field);
            CHECK(reversed->record == event.id.str());
        }
    });
    // The envelope out of order, with a field missing: the id still names the record.
    const std::string noAuthor = R"({"v":1,"type":"note.added","ts":1,"payload":{"text":"x","note":"n-1","debtor":"d-1"},"id":"0192e6ef8a1e-0000-5eed0000"})";
    const auto missing = decoder.decode(noAuthor);
    REQUIRE(missing);
    CHECK(missing->code == Str::err_field_missing);
    CHECK(missing->field == "author");
    CHECK(missing->record == "0192e6ef8a1e-0000-5eed0000");
    // A key written twice is refused, wherever the reader stands and whichever parser reads it
    // (RFC 8259 leaves duplicates undefined: nlohmann keeps the last, simdjson finds the first,
    // so a file would read two ways with only its whitespace changed).
    const std::string twice = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"debtor":"d-1","debtor":"d-2","note":"n-1","text":"x"},"ts":1,"type":"note.added","v":1})";
    const std::string twiceLater = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"text":"x","note":"n-1","debtor":"d-1","text":"y","debtor":"d-2"},"ts":1,"type":"note.added","v":1})";
    const std::string twiceInMoney = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"amount":{"currency":"EUR","minor":5,"minor":7},"date":"2026-01-01","debtor":"d-1","method":"transfer","payment":"p-1"},"ts":1,"type":"payment.recorded","v":1})";
    const std::string twiceInEnvelope = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"debtor":"d-1","note":"n-1","text":"x"},"ts":1,"ts":2,"type":"note.added","v":1})";
    const std::string twiceInUnknown = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"a":{"b":1,"b":2}},"ts":1,"type":"plan.created","v":1})";
    const std::string twiceInList = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"contacts":[{"id":"c-1","name":"A","name":"B"}],"country":"ES","debtor":"d-1","kind":"sme","legalName":"A"},"ts":1,"type":"debtor.registered","v":1})";
    const std::pair<const std::string*, const char*> cases[] = {{&twice, "payload.debtor"},
                                                                {&twiceLater, "payload.text"},
                                                                {&twiceInMoney, "payload.amount.minor"},
                                                                {&twiceInEnvelope, "ts"},
                                                                {&twiceInUnknown, "b"},
                                                                {&twiceInList, "payload.contacts[0].name"}};
    for (const auto& c : cases) { // (no structured binding: clang 14's INFO cannot capture one)
        const std::string* text = c.first;
        const char* field = c.second;
        INFO(*text);
        const auto inPlace = decoder.decode(*text);
        REQUIRE(inPlace);
        CHECK(inPlace->code == Str::err_key_duplicate);
        CHECK(inPlace->field == field);
        CHECK(inPlace->record == "0192e6ef8a1e-0000-5eed0000");
        // nlohmann's path (a file edited by hand, a command): refused too.
        json parsed;
        const auto byNlohmann = parseJson(*text, parsed);
        REQUIRE(byNlohmann);
        CHECK(byNlohmann->code == Str::err_key_duplicate);
        CHECK(decodeEventText(std::string(*text) + " ").problem.has_value());
    }
    // A seventh envelope field, even one repeating a known key, is looked at (and a stray one refused).
    const std::string stray = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"debtor":"d-1","note":"n-1","text":"x"},"ts":1,"type":"note.added","v":1,"zz":0})";
    const auto strayProblem = decoder.decode(stray);
    REQUIRE(strayProblem);
    CHECK(strayProblem->code == Str::err_field_unknown);
    CHECK(strayProblem->field == "zz");
}

TEST_CASE("a line decoded where it lies, other bytes after it, decodes as a copy of it does") {
    // The reader hands the decoder lines inside the piece of the file it holds: with enough of
    // the piece after a line, the parser reads the line in place, and must stop at its end.
    const std::string good = encodeEvent(fullEvent<InvoiceAdded>());
    const std::string broken = good.substr(0, good.size() - 1);   // the closing brace cut off
    const std::string fieldProblem = R"({"author":"Ana","id":"0192e6ef8a1e-0000-5eed0000","payload":{"debtor":7},"ts":1,"type":"note.added","v":1})";
    const std::string number = "12";
    const std::string word = "tru";
    for (const std::string& line : {good, broken, fieldProblem, number, word}) {
        INFO(line);
        // What follows would complete or change a parse that ran past the line's end.
        for (const std::string& after : {std::string(",\n"), std::string("}\n") + good, std::string("e4567 ") + std::string(200, '}')}) {
            const std::string buffer = line + after;
            EventDecoder inPlace;
            EventDecoder copied;
            const auto a = inPlace.decode(std::string_view(buffer).substr(0, line.size()), after.size());
            const auto b = copied.decode(line);
            REQUIRE(a.has_value() == b.has_value());
            if (a) {
                CHECK(a->code == b->code);
                CHECK(a->field == b->field);
                CHECK(a->describe(Lang::en) == b->describe(Lang::en));
            } else {
                CHECK(inPlace.event() == copied.event());
            }
        }
    }
}

TEST_CASE("the log spans chunks, copies records between logs, and a copy never sees the other's changes") {
    // Enough events to fill several one-megabyte chunks, one far larger than a chunk in the middle.
    std::vector<Event> events;
    for (int i = 0; i < 40'000; ++i) {
        Event e = fullEvent<InteractionLogged>();
        e.id = EventId{1'700'000'000'000 + i, static_cast<std::uint16_t>(i % 3), 9};
        e.author = "Autor " + std::to_string(i % 7);
        std::get<InteractionLogged>(e.payload).summary = "Llamada " + std::to_string(i);
        std::get<InteractionLogged>(e.payload).letter.reset(); // a call, not a letter: a log's usual record
        if (i == 20'000) std::get<InteractionLogged>(e.payload).summary = std::string(3 << 20, 'x');
        events.push_back(std::move(e));
    }
    EventLog log(events);
    CHECK(log.decodeAll() == events);
    for (Index i = 0; i < log.size(); i += 997) {
        std::string json;
        log.appendJson(i, json);
        CHECK(json == encodeEvent(events[i]));
    }
    CHECK(log.memoryBytes() < events.size() * 200 + (std::size_t{8} << 20));

    // A copy shares the records; each side then grows on its own.
    EventLog copy = log;
    Event extra = events.back();
    extra.id.ms += 1;
    log.push_back(extra);
    CHECK(copy.size() == events.size());
    CHECK(copy.back() == events.back());
    Event other = events.front();
    other.id.ms = extra.id.ms + 5;
    other.author = "Otra persona";
    copy.push_back(other);
    CHECK(log.back() == extra);
    CHECK(copy.back() == other);
    log.pop_back();
    CHECK(log.decodeAll() == events);

    // Records copied into a log with another author table keep their authors.
    EventLog small;
    small.push_back(other);
    for (Index i = 0; i < 10; ++i) small.append(log, i * 4000);
    REQUIRE(small.size() == 11);
    CHECK(small[0] == other);
    for (Index i = 0; i < 10; ++i) CHECK(small[i + 1] == events[i * 4000]);

    // Keeping some: every third, the large one included.
    log.retain([](Index i) { return i % 3 == 2; });
    REQUIRE(log.size() == events.size() / 3);
    for (Index i = 0; i < log.size(); ++i) CHECK(log.id(i) == events[i * 3 + 2].id);
    CHECK(std::get<InteractionLogged>(log[6666].payload).summary.size() == (3u << 20));
}

TEST_CASE("a log read out of order is sorted by id, each id kept once") {
    std::vector<Event> events;
    for (int i = 0; i < 300; ++i) {
        Event e = fullEvent<NoteAdded>();
        e.id = EventId{1'700'000'000'000 + (i * 7919) % 300, 0, 4};
        std::get<NoteAdded>(e.payload).text = "nota " + std::to_string(e.id.ms);
        events.push_back(std::move(e));
    }
    events.push_back(events[10]); // the same event twice
    EventLog log(events);
    CHECK_FALSE(log.sortedUnique());
    CHECK(sortAndDeduplicate(log) == 1);
    REQUIRE(log.size() == 300);
    CHECK(log.sortedUnique());
    for (Index i = 0; i < log.size(); ++i)
        CHECK(std::get<NoteAdded>(log[i].payload).text == "nota " + std::to_string(1'700'000'000'000 + i));

    EventLog twice(events);
    const auto problem = sortRefusingDuplicates(twice);
    REQUIRE(problem);
    CHECK(problem->record == events[10].id.str());
}

namespace {

// Copies an image's pieces out, lets `damage` change them, and installs what is left.
std::optional<EventLog> installed(const EventLog::Image& image,
                                  const std::function<void(std::vector<std::string>&)>& damage) {
    auto pieces = imagePieces(image);
    damage(pieces);
    return installImage(pieces);
}

} // namespace

TEST_CASE("a log's image installs as the same log; a damaged, partial or foreign image is refused") {
    // Every payload type, several authors, chunks filled past one megabyte, one huge record.
    std::vector<Event> events;
    forEachPayloadType([&](auto tag) { events.push_back(fullEvent<typename decltype(tag)::type>()); });
    Event unknown = fullEvent<NoteAdded>();
    unknown.payload = UnknownEvent{"plan.created", "{\"type\":\"plan.created\"}"};
    events.push_back(unknown);
    for (int i = 0; i < 12'000; ++i) {
        Event e = fullEvent<InteractionLogged>();
        e.author = "Autor " + std::to_string(i % 5);
        std::get<InteractionLogged>(e.payload).summary = "Llamada " + std::string(static_cast<std::size_t>(i % 300), 'z');
        if (i == 6'000) std::get<InteractionLogged>(e.payload).summary = std::string(3 << 20, 'x');
        events.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < events.size(); ++i)
        events[i].id = EventId{1'700'000'000'000 + static_cast<std::int64_t>(i / 3), static_cast<std::uint16_t>(i % 3),
                               static_cast<std::uint32_t>(1 + i % 2)};
    EventLog log(events);
    const EventLog::Image image = log.image();
    REQUIRE(image.pieces() > 4);
    CHECK(image.events() == events.size());

    // The log changes after the picture is taken; the picture does not.
    Event later = events.back();
    later.id.ms += 10;
    later.author = "Alguien nuevo";
    log.push_back(later);
    log.pop_back();
    log.push_back(later);

    const auto same = installed(image, [](auto&) {});
    REQUIRE(same.has_value());
    REQUIRE(same->size() == events.size());
    CHECK(same->decodeAll() == events);
    for (Index i = 0; i < same->size(); i += 251) {
        std::string json;
        same->appendJson(i, json);
        CHECK(json == encodeEvent(events[i]));
    }
    // An installed log grows like any other.
    EventLog grown = *same;
    grown.push_back(later);
    CHECK(grown.back() == later);
    CHECK(grown.find(later.id) == Index(events.size()));
    CHECK(throughImage(grown)->decodeAll() == grown.decodeAll());
    CHECK(throughImage(EventLog{})->empty());

    const auto flip = [](std::string& piece, std::size_t at) { piece[at] = static_cast<char>(piece[at] ^ 0x20); };
    SUBCASE("a changed byte anywhere is refused") {
        for (std::size_t p = 0; p < image.pieces(); ++p) {
            INFO("piece ", p);
            for (const std::size_t at : {std::size_t{0}, std::size_t{9}, image.piece(p).size() / 2, image.piece(p).size() - 1})
                CHECK_FALSE(installed(image, [&](auto& pieces) { flip(pieces[p], at); }).has_value());
        }
    }
    SUBCASE("a piece cut short, missing, repeated or in another order is refused") {
        CHECK_FALSE(installed(image, [](auto& pieces) { pieces[1].pop_back(); }).has_value());
        CHECK_FALSE(installed(image, [](auto& pieces) { pieces[0].resize(pieces[0].size() / 2); }).has_value());
        CHECK_FALSE(installed(image, [](auto& pieces) { pieces.pop_back(); }).has_value());
        CHECK_FALSE(installed(image, [](auto& pieces) { pieces.push_back(pieces.back()); }).has_value());
        CHECK_FALSE(installed(image, [](auto& pieces) { std::swap(pieces[1], pieces[2]); }).has_value());
        CHECK_FALSE(installed(image, [](auto& pieces) { pieces.clear(); }).has_value());
        CHECK_FALSE(installed(image, [](auto& pieces) { pieces[0] = "RBLOGIM1"; }).has_value());
    }
    SUBCASE("the header of another log's image does not fit these records") {
        const EventLog::Image grownImage = grown.image();
        CHECK_FALSE(installed(image, [&](auto& pieces) { pieces[0] = std::string(grownImage.piece(0)); }).has_value());
    }
    SUBCASE("the records' layout is named by a signature that does not change from run to run") {
        CHECK(EventLog::codecSignature() == EventLog::codecSignature());
        CHECK(EventLog::codecSignature() != 0);
    }
}

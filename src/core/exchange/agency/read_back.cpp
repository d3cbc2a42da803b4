#include "core/exchange/agency/agency.hpp"

#include "core/codec/event_codec.hpp"
#include "core/workspace/workspace.hpp"

namespace recobra {

bool looksLikeAgencyPackage(std::string_view text) {
    return text.find(std::string("\"") + kAgencyFormat + "\"") != std::string_view::npos;
}

BackupRead readAgencyPackageEvents(std::string_view text, const std::string& fileName) {
    BackupRead out;
    auto fail = [&](Problem p) {
        p.file = fileName;
        out.problem = std::move(p);
        return out;
    };
    if (text.size() > kMaxBackupBytes) return fail(problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)}));
    nlohmann::json j;
    if (auto p = parseJson(text, j)) return fail(std::move(*p));
    if (!j.is_object()) return fail(problem(Str::err_backup_not_object));
    const auto format = j.find("format");
    if (format == j.end() || !format->is_string() || format->get_ref<const std::string&>() != kAgencyFormat)
        return fail(problem(Str::err_backup_not_recobra, "format"));
    const auto schema = j.find("schema");
    if (schema == j.end()) return fail(problem(Str::err_field_missing, "schema"));
    if (!schema->is_number_integer() || schema->get<std::int64_t>() < 1) return fail(problem(Str::err_schema_version, "schema"));
    if (schema->get<std::int64_t>() > kAgencySchema)
        return fail(problem(Str::err_backup_newer, "schema", {std::to_string(schema->get<std::int64_t>())}));
    const auto events = j.find("events");
    if (events == j.end()) return fail(problem(Str::err_field_missing, "events"));
    if (!events->is_array()) return fail(problem(Str::err_type_list, "events"));
    BackupContents contents;
    std::vector<Event> decodedEvents;
    decodedEvents.reserve(events->size());
    for (std::size_t i = 0; i < events->size(); ++i) {
        auto decoded = decodeEvent((*events)[i]);
        if (!decoded.event) {
            Problem p = std::move(*decoded.problem);
            p.record = "#" + std::to_string(i + 1) + (p.record.empty() ? "" : " (" + p.record + ")");
            return fail(std::move(p));
        }
        decodedEvents.push_back(std::move(*decoded.event));
    }
    keepUnknownEventTexts(decodedEvents, text, "events");
    if (auto p = sortRefusingDuplicates(decodedEvents)) return fail(std::move(*p));
    contents.events = EventLog(decodedEvents);
    out.contents = std::move(contents);
    return out;
}

} // namespace recobra

#pragma once
// Commands: what the UI, the automation API and the CLI ask for. A command is the payload of
// the event it becomes (the command `addInvoice` is an InvoiceAdded, which becomes the event
// `invoice.added`), with the ids of the things it creates left empty. The UI builds them as
// those structs; the automation API, the CLI and other tabs send them as JSON, a "type"
// ("addInvoice") and the same fields. Either way the command is validated against the state
// in the core: a bad command returns a Problem that names the field and why, and produces no
// event; commandProblems() gives every field's problem at once.
#include "core/i18n/problem.hpp"
#include "core/model/events.hpp"
#include "core/state/state.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace recobra {

struct CommandContext {
    Timestamp now = 0;          // wall clock, UTC
    int utcOffsetMinutes = 0;   // the user's time zone, for "today" and dates of instants
    std::string author;         // who is acting (settings: my name)
    // Checking events from a file rather than a person's command: values must be sane and
    // references resolve, but what concurrent work legitimately produces (two people
    // registering the same tax id, assigning the same member) is not refused.
    bool importing = false;

    Date today() const { return Date::ofTimestamp(now + utcOffsetMinutes * 60'000LL); }
    Date localDate(Timestamp at) const { return Date::ofTimestamp(at + utcOffsetMinutes * 60'000LL); }
};

using Command = Payload;

struct PreparedCommand {
    std::optional<Event> event;     // the event to persist and apply
    std::optional<Problem> problem; // or why the command was refused
    std::string createdId;          // the id of what the command created, if anything
};

// Validates a command. Missing ids of new things are assigned from the event's id.
PreparedCommand prepareCommand(const State& state, Command command, const CommandContext& context, Hlc& hlc);
PreparedCommand prepareCommand(const State& state, const nlohmann::json& command, const CommandContext& context,
                               Hlc& hlc);

// Every problem with a command, not only the first: each field's own (the first found for that
// field), in the order the fields are checked, the first being the one prepareCommand refuses
// the command for. A form shows each beside its field. Nothing changes and no event is made;
// `hlc` gives the ids of new things as prepareCommand would (a copy of the workspace's).
// Empty when prepareCommand would accept the command.
std::vector<Problem> commandProblems(const State& state, Command command, const CommandContext& context, Hlc& hlc);
std::vector<Problem> commandProblems(const State& state, const nlohmann::json& command, const CommandContext& context,
                                     Hlc& hlc);

// A command as JSON: its "type" and its fields (what another tab is handed).
nlohmann::json commandJson(const Command& command);

// The semantic checks alone, for a decoded payload. They normalize it as they go (trim texts,
// drop blank and repeated tags), as a command's payload is stored.
std::optional<Problem> validatePayload(const State& state, Payload& payload, const CommandContext& context);
// The same, every problem found (see commandProblems), the first being validatePayload's.
std::vector<Problem> payloadProblems(const State& state, Payload& payload, const CommandContext& context);

// validatePayload's verdict on an event read from a file (as `context.importing`), which it
// leaves as it is: each value is judged as it would be once normalized, the file's event is
// the one applied and stored.
std::optional<Problem> checkImported(const State& state, const Payload& payload, CommandContext context);

} // namespace recobra

#pragma once
// What went wrong, precisely enough for a person to fix it: which file, which record (an
// event id, a line, a row), which field, and why, in either language. Every validation in
// Recobra (commands, imports, file reads) reports a Problem and changes nothing.
#include "core/i18n/strings.hpp"

#include <string>
#include <vector>

namespace recobra {

enum class RecordKind { Event, Line, Row };

struct Problem {
    Str code = Str::err_invalid;     // the reason, a template in i18n/strings/*.def ({0}, {1}… from args)
    std::vector<std::string> args;
    std::string field;               // "amount", "payload.promise.dueDate"
    std::string record;              // which record: an event ("#12 (0193…)"), a line or a row number
    RecordKind recordKind = RecordKind::Event;
    std::string file;                // the file name, for imports

    Problem& atLine(std::size_t line) {
        record = std::to_string(line);
        recordKind = RecordKind::Line;
        return *this;
    }
    Problem& atRow(std::size_t row) {
        record = std::to_string(row);
        recordKind = RecordKind::Row;
        return *this;
    }

    // "backup.json, event 0193…, field amount: must be greater than zero"
    std::string describe(Lang lang) const;
    // The reason alone ("must be greater than zero"), for a message next to a form field.
    std::string reason(Lang lang) const;
};

Problem problem(Str code, std::string field = {}, std::vector<std::string> args = {});

} // namespace recobra

#pragma once
// What went wrong, precisely enough for a person to fix it: which file, which record (an
// event id, a line, a row), which field, and why, in either language. Every validation in
// Recobra (commands, imports, file reads) reports a Problem and changes nothing.
#include "core/i18n/strings.hpp"

#include <optional>
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

    // Made, moved and dropped out of line: a validation passes problems on from a hundred places,
    // and each would otherwise carry the code that frees one.
    Problem() = default;
    Problem(const Problem&);
    Problem(Problem&&) noexcept;
    Problem& operator=(const Problem&);
    Problem& operator=(Problem&&) noexcept;
    ~Problem();

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

// What a validation finds, in the order it checks. A verdict (a command refused, a file's event
// checked) needs only the first problem, and the validation stops there; a form shows every
// field's problem at once, each beside its field, so the validation goes on to the fields after
// a problem. The first problem is the same either way: the checks run in the same order.
class Findings {
public:
    enum class Want { First, Every };
    explicit Findings(Want want = Want::First) : every_(want == Want::Every) {}

    // Records what a check of a field found, if anything; true when the validation is over (a
    // problem, and only the first is wanted): `if (found.add(check(...))) return;`.
    bool add(std::optional<Problem>&& found) { return found && record(std::move(*found), every_); }
    // The same for a check the rest depend on (the debtor must exist before its invoices are
    // looked up): true on a problem, whatever is wanted.
    bool stop(std::optional<Problem>&& found) { return found && record(std::move(*found), false); }
    // A problem that ends the validation: `return found.fail(problem(...));`.
    void fail(Problem&& found) { record(std::move(found), false); }

    bool empty() const { return problems_.empty(); }
    std::vector<Problem>& problems() { return problems_; }

private:
    // Out of line: a validation records its problems from a hundred places.
    bool record(Problem&& found, bool goOn);
    std::vector<Problem> problems_;
    bool every_;
};

} // namespace recobra

#pragma once
// The composer (docs/letters.md): a letter or call script written for one debtor from a
// template (core/letters/letter.hpp), shown as it will read, with its warnings; copied, opened
// in the mail client, downloaded as a .eml draft or printed (to paper or PDF). Once sent it is
// marked as such: one conversation logged with the letter kept whole as evidence. Opened from
// an agenda item, the 360° view and the debtors list.
#include "core/letters/letter.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace recobra::ui {

class LetterDialog {
public:
    void open(Ui& ui, Index debtor, std::string templateId, std::optional<Channel> channel);
    // Several letters at once (the agenda's items of one ladder action): one document to print,
    // a page per letter, and all marked as sent together.
    struct Pick {
        Index debtor = kNone;
        std::string templateId;
    };
    void openBulk(Ui& ui, std::vector<Pick> picks, std::optional<Channel> channel);
    bool isOpen() const { return open_; }
    void draw(Ui& ui);
    // For window.recobra.uiState(): the letter as shown.
    nlohmann::json stateJson() const;

private:
    void render(Ui& ui);
    void drawLetter(Ui& ui, float height);
    void drawActions(Ui& ui);
    void drawMarkSent(Ui& ui);
    void confirm(Ui& ui);
    void defaultFormal();
    void drawBulk(Ui& ui, float height);
    InteractionLogged sentCommand(const Ui& ui, const Letter& l) const;

    bool open_ = false, opened_ = false;
    std::string debtorId_, debtorName_;
    std::string templateId_;
    Lang lang_ = Lang::es;
    int deadlineDays_ = 10;
    std::optional<Letter> letter_;
    std::vector<Pick> bulk_;          // several letters: each debtor's, from its template
    std::vector<Letter> bulkLetters_;
    std::optional<Problem> problem_;
    std::uint64_t renderedAt_ = ~0ull; // workspace revision rendered
    bool dirty_ = true;
    // "Mark as sent".
    bool marking_ = false, saving_ = false, closeRequested_ = false;
    Channel channel_ = Channel::Email;
    std::string reference_, limitOverride_, error_;
    bool formal_ = false;
    FieldErrors errors_;
};

} // namespace recobra::ui

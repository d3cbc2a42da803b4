#pragma once
// Settings → "Tu empresa" (the creditor as letters present it: letterhead, signature, how to
// pay) and Settings → "Plantillas" (the letters' and call scripts' texts, edited per language
// with a live preview for a real debtor, reset to the shipped text, or new ones), each saved as
// one command the team shares (docs/letters.md).
#include "core/letters/letter.hpp"
#include "core/model/creditor.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <variant>

namespace recobra::ui {

class LetterSettings {
public:
    void drawBusiness(Ui& ui);
    void drawTemplates(Ui& ui);
    nlohmann::json stateJson() const;

private:
    void loadTemplate(Ui& ui);
    void saveTemplate(Ui& ui, bool reset);
    void createTemplate(Ui& ui);
    void drawEditor(Ui& ui, float width);
    void drawPreview(Ui& ui, float width, float height);
    void drawPlaceholders(Ui& ui);

    // Your business.
    Creditor creditor_;
    std::uint32_t creditorRevision_ = ~0u;
    bool creditorEdited_ = false, savingCreditor_ = false;
    FieldErrors creditorErrors_;
    // Templates.
    std::string templateId_;
    Lang textLang_ = Lang::es;
    bool langChosen_ = false;
    Lang uiLang_ = Lang::es;
    std::string name_, subject_, body_;
    std::string loadedKey_;
    bool edited_ = false, savingTemplate_ = false;
    FieldErrors templateErrors_;
    std::string previewDebtor_;
    // The preview as last written, and what it was written from (the workspace's revision, the
    // debtor, the day, the text as typed…): written again only when one of them changes, not
    // every frame.
    std::string previewKey_;
    std::variant<Letter, Problem> preview_;
    std::string newId_, newName_;
    FieldErrors newErrors_;
    // Where a placeholder clicked goes: the field last typed in and its cursor (bytes).
    bool intoSubject_ = false;
    int cursor_ = -1;
};

} // namespace recobra::ui

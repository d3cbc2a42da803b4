#include "ui/screens/letter_settings.hpp"

#include "core/letters/letter.hpp"
#include "core/letters/template_text.hpp"
#include "core/values/text.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace recobra::ui {

namespace {

struct CreditorField {
    const char* name; // as Creditor::visit and missingCreditorFields name it
    Str label;
};
constexpr CreditorField kCreditorFields[] = {
    {"legalName", Str::lui_legal_name},   {"tradeName", Str::lui_trade_name}, {"taxId", Str::lui_tax_id},
    {"address", Str::lui_address},        {"email", Str::lui_email},          {"phone", Str::lui_phone},
    {"iban", Str::lui_iban},              {"paymentOther", Str::lui_pay_other}, {"signerName", Str::lui_signer},
    {"signerRole", Str::lui_signer_role}, {"place", Str::lui_place},
};

std::string creditorLabel(const Ui& ui, std::string_view name) {
    for (const auto& f : kCreditorFields)
        if (name == f.name) return ui.t(f.label);
    return std::string(name);
}

// Remembers where the cursor of the field being typed in is, for a placeholder clicked next.
struct CursorMemory {
    int* cursor;
};
int rememberCursor(ImGuiInputTextCallbackData* data) {
    *static_cast<CursorMemory*>(data->UserData)->cursor = data->CursorPos;
    return 0;
}

// The first debtor with an open invoice (a preview with something to say), else the first.
std::string previewDefault(const State& s) {
    for (const auto& d : s.debtors)
        for (Index i : d.invoices)
            if (s.invoices[i].open()) return d.id;
    return s.debtors.empty() ? std::string() : s.debtors.front().id;
}

} // namespace

// --- Your business ------------------------------------------------------------------------------

void LetterSettings::drawBusiness(Ui& ui) {
    heading(ui.t(Str::lui_business), 17);
    const State& s = ui.state();
    // The team's latest details, unless the user is typing over them.
    if (!creditorEdited_ && creditorRevision_ != s.letters.revision) {
        creditor_ = s.letters.creditor.value_or(Creditor{});
        creditorRevision_ = s.letters.revision;
    }
    ImGui::PushTextWrapPos(0);
    mutedText(ui.t(Str::lui_business_intro));
    const auto missing = missingCreditorFields(s.letters);
    if (!missing.empty()) {
        std::string names;
        for (const auto& m : missing) names += (names.empty() ? "" : ", ") + creditorLabel(ui, m);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        ImGui::TextWrapped("%s", ui.tf(Str::lui_business_missing, {names}).c_str());
        ImGui::PopStyleColor();
        tagLastItem("business.missing");
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    setTagPrefix("business");
    const float w = ImGui::GetContentRegionAvail().x;
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    bool changed = false;
    auto field = [&](std::string& value, const char* name, Str label, const char* hint = nullptr) {
        changed |= textField(ui, ui.t(label), name, value, creditorErrors_, half, hint);
    };
    // Two fields a row, their labels level (nextFieldColumn).
    auto pair = [&](auto left, auto right) {
        ImGui::BeginGroup();
        left();
        nextFieldColumn();
        right();
        ImGui::EndGroup();
    };
    const char* optional = ui.t(Str::optional_hint);
    pair([&] { field(creditor_.legalName, "legalName", Str::lui_legal_name); },
         [&] { field(creditor_.tradeName, "tradeName", Str::lui_trade_name, optional); });
    pair([&] { field(creditor_.taxId, "taxId", Str::lui_tax_id); }, [&] { field(creditor_.place, "place", Str::lui_place); });
    changed |= multilineField(ui, ui.t(Str::lui_address), "address", creditor_.address, creditorErrors_, w,
                              ImGui::GetTextLineHeight() * 3.6f + ImGui::GetStyle().FramePadding.y * 2);
    pair([&] { field(creditor_.email, "email", Str::lui_email); }, [&] { field(creditor_.phone, "phone", Str::lui_phone, optional); });
    pair([&] { field(creditor_.iban, "iban", Str::lui_iban); },
         [&] { field(creditor_.paymentOther, "paymentOther", Str::lui_pay_other, optional); });
    pair([&] { field(creditor_.signerName, "signerName", Str::lui_signer); },
         [&] { field(creditor_.signerRole, "signerRole", Str::lui_signer_role, optional); });
    if (changed) creditorEdited_ = true;
    ImGui::Spacing();
    ImGui::BeginDisabled(savingCreditor_ || !creditorEdited_);
    if (primaryButton(ui.t(Str::action_save))) {
        CreditorUpdated c{.creditor = creditor_};
        creditorErrors_.clear();
        auto place = [this, &ui](const Problem& p) {
            const std::string f = p.field.rfind("creditor.", 0) == 0 ? p.field.substr(9) : p.field;
            creditorErrors_.emplace(f.empty() ? "legalName" : f, p.reason(ui.lang));
        };
        for (const auto& p : ui.problems(c)) place(p);
        if (creditorErrors_.empty()) {
            savingCreditor_ = true;
            ui.submit(c, [this, &ui, place](const CommandOutcome& outcome) {
                savingCreditor_ = false;
                if (outcome.ok) {
                    creditorEdited_ = false;
                    creditorRevision_ = ~0u; // reread: saved normalized
                    if (ui.toast) ui.toast(ui.t(Str::saved_ok), ToastKind::Success);
                } else if (outcome.problem) {
                    place(*outcome.problem);
                }
            });
        }
    }
    tagLastItem("business.save");
    ImGui::EndDisabled();
    if (creditorEdited_) {
        ImGui::SameLine();
        if (ImGui::Button(ui.t(Str::action_cancel))) {
            creditorEdited_ = false;
            creditorRevision_ = ~0u;
            creditorErrors_.clear();
        }
        tagLastItem("business.cancel");
    }
    setTagPrefix("settings");
}

// --- Templates ----------------------------------------------------------------------------------

void LetterSettings::loadTemplate(Ui& ui) {
    const LetterSetup& setup = ui.state().letters;
    const std::string key = templateId_ + "/" + langCode(textLang_) + "/" + std::to_string(setup.revision);
    if (key == loadedKey_ || edited_) return;
    loadedKey_ = key;
    const auto t = findTemplate(setup, templateId_, textLang_);
    name_ = t ? t->name : std::string();
    subject_ = t ? t->subject : std::string();
    body_ = t ? t->body : std::string();
    templateErrors_.clear();
    cursor_ = -1;
}

void LetterSettings::drawTemplates(Ui& ui) {
    heading(ui.t(Str::lui_templates), 17);
    ImGui::PushTextWrapPos(0);
    mutedText(ui.t(Str::lui_templates_intro));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const State& s = ui.state();
    const auto ids = templateIds(s.letters);
    // The text in the UI's language, unless another was chosen since it last changed.
    if (!edited_ && (!langChosen_ || uiLang_ != ui.lang)) {
        textLang_ = ui.lang;
        langChosen_ = true;
    }
    uiLang_ = ui.lang;
    if (templateId_.empty() || std::find(ids.begin(), ids.end(), templateId_) == ids.end()) {
        templateId_ = ids.empty() ? std::string() : ids.front();
        edited_ = false;
    }
    loadTemplate(ui);

    // The list, the editor, the preview side by side.
    const float listWidth = ui.px(210);
    const float height = ui.px(560);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float rest = ImGui::GetContentRegionAvail().x - listWidth - spacing * 2;
    const float editorWidth = std::floor(rest * 0.5f);
    ImGui::BeginChild("##template-list", ImVec2(listWidth, height), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
    for (const auto& id : ids) {
        const auto t = findTemplate(s.letters, id, ui.lang);
        const bool edited = findTemplate(s.letters, id, Lang::es)->edited || findTemplate(s.letters, id, Lang::en)->edited;
        const std::string mark = edited && t && t->shipped ? std::string(" · ") + ui.t(Str::lui_edited) : std::string();
        const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(mark.c_str()).x;
        const std::string label = fitText(templateName(s.letters, id, ui.lang), room) + mark + "##" + id;
        if (ImGui::Selectable(label.c_str(), id == templateId_) && id != templateId_) {
            templateId_ = id;
            edited_ = false;
            loadedKey_.clear();
            newErrors_.clear();
        }
        tagLastItem("templates.item." + id);
    }
    ImGui::Spacing();
    ImGui::Separator();
    setTagPrefix("templates.new");
    textField(ui, ui.t(Str::lui_template_id), "id", newId_, newErrors_, -1, ui.t(Str::lui_template_id_hint));
    textField(ui, ui.t(Str::lui_template_name), "name", newName_, newErrors_, -1);
    if (ImGui::Button(ui.t(Str::lui_template_new))) createTemplate(ui);
    tagLastItem("templates.new.create");
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##template-editor", ImVec2(editorWidth, height), ImGuiChildFlags_NavFlattened);
    drawEditor(ui, editorWidth);
    ImGui::EndChild();
    ImGui::SameLine();
    drawPreview(ui, ImGui::GetContentRegionAvail().x, height);
    ImGui::Spacing();
    drawPlaceholders(ui);
    setTagPrefix("settings");
}

void LetterSettings::drawEditor(Ui& ui, float width) {
    const State& s = ui.state();
    const auto t = findTemplate(s.letters, templateId_, textLang_);
    setTagPrefix("templates");
    // The language of the text being edited.
    fieldLabel(ui.t(Str::lui_text_lang));
    for (Lang lang : {Lang::es, Lang::en}) {
        if (ImGui::RadioButton(ui.t(lang == Lang::es ? Str::language_es : Str::language_en), textLang_ == lang) &&
            textLang_ != lang) {
            textLang_ = lang;
            edited_ = false;
            loadedKey_.clear();
            loadTemplate(ui);
        }
        tagLastItem(std::string("templates.lang.") + langCode(lang));
        ImGui::SameLine();
    }
    ImGui::NewLine();
    bool changed = false;
    CursorMemory memory{&cursor_};
    if (t && !t->shipped) changed |= textField(ui, ui.t(Str::lui_template_name), "name", name_, templateErrors_, width);
    const bool script = t && t->kind == TemplateKind::Script;
    if (!script) {
        fieldLabel(ui.t(Str::lui_subject));
        ImGui::SetNextItemWidth(width);
        changed |= ImGui::InputText("##subject", &subject_, ImGuiInputTextFlags_CallbackAlways, rememberCursor, &memory);
        if (ImGui::IsItemActive()) intoSubject_ = true;
        tagLastItem("templates.subject", subject_);
        fieldError(templateErrors_, "subject", true);
    }
    fieldLabel(ui.t(Str::lui_body));
    const float footer = ImGui::GetFrameHeightWithSpacing() * 1.3f +
                         (templateErrors_.count("body") ? ImGui::GetTextLineHeightWithSpacing() * 2 : 0.0f);
    changed |= ImGui::InputTextMultiline("##body", &body_,
                                         ImVec2(width, std::max(ui.px(120), ImGui::GetContentRegionAvail().y - footer)),
                                         ImGuiInputTextFlags_CallbackAlways, rememberCursor, &memory);
    if (ImGui::IsItemActive()) intoSubject_ = false;
    tagLastItem("templates.body");
    fieldError(templateErrors_, "body", true);
    fieldError(templateErrors_, "template");
    if (changed) edited_ = true;
    ImGui::BeginDisabled(savingTemplate_ || !edited_);
    if (primaryButton(ui.t(Str::action_save))) saveTemplate(ui, false);
    tagLastItem("templates.save");
    ImGui::EndDisabled();
    if (edited_) {
        ImGui::SameLine();
        if (ImGui::Button(ui.t(Str::action_cancel))) {
            edited_ = false;
            loadedKey_.clear();
        }
        tagLastItem("templates.cancel");
    }
    // The team's text in this language: the shipped one back, or one of the team's own removed.
    if (t && t->edited && t->lang == textLang_ && !edited_) {
        ImGui::SameLine();
        ImGui::BeginDisabled(savingTemplate_);
        if (ImGui::Button(ui.t(t->shipped ? Str::lui_template_reset : Str::action_remove))) saveTemplate(ui, true);
        ImGui::EndDisabled();
        tagLastItem("templates.reset");
    }
}

void LetterSettings::saveTemplate(Ui& ui, bool reset) {
    const auto t = findTemplate(ui.state().letters, templateId_, textLang_);
    TemplateSaved c{.body = reset ? std::string() : body_,
                    .lang = langCode(textLang_),
                    .name = reset || (t && t->shipped) ? std::string() : name_,
                    .reset = reset,
                    .subject = reset || (t && t->kind == TemplateKind::Script) ? std::string() : subject_,
                    .templateId = templateId_};
    templateErrors_.clear();
    auto place = [this, &ui](const Problem& p) {
        const std::string f = p.field == "subject" || p.field == "body" || p.field == "name" ? p.field : "template";
        templateErrors_.emplace(f, p.reason(ui.lang));
    };
    for (const auto& p : ui.problems(c)) place(p);
    if (!templateErrors_.empty()) return;
    savingTemplate_ = true;
    ui.submit(c, [this, &ui, place](const CommandOutcome& outcome) {
        savingTemplate_ = false;
        if (outcome.ok) {
            edited_ = false;
            loadedKey_.clear();
            if (ui.toast) ui.toast(ui.t(Str::saved_ok), ToastKind::Success);
        } else if (outcome.problem) {
            place(*outcome.problem);
        }
    });
}

void LetterSettings::createTemplate(Ui& ui) {
    const std::string id(trim(newId_));
    TemplateSaved c{.body = "{{contact.name}}:\n\n\n\n{{creditor.signer}}\n{{creditor.name}}\n",
                    .lang = langCode(textLang_),
                    .name = newName_,
                    .reset = false,
                    .subject = "{{reference}}",
                    .templateId = id};
    newErrors_.clear();
    for (const auto& p : ui.problems(c)) newErrors_.emplace(p.field == "name" ? "name" : "id", p.reason(ui.lang));
    if (!newErrors_.empty()) return;
    ui.submit(c, [this, &ui, id](const CommandOutcome& outcome) {
        if (!outcome.ok) {
            if (outcome.problem) newErrors_.emplace("id", outcome.problem->reason(ui.lang));
            return;
        }
        templateId_ = id;
        edited_ = false;
        loadedKey_.clear();
        newId_.clear();
        newName_.clear();
        if (ui.toast) ui.toast(ui.t(Str::saved_ok), ToastKind::Success);
    });
}

// The letter the text being edited writes for a real debtor, as it is typed: the setup the
// state holds, with this text in place of the saved one, stands in while it is written.
void LetterSettings::drawPreview(Ui& ui, float width, float height) {
    const State& s = ui.state();
    ImGui::BeginChild("##template-preview", ImVec2(width, height), ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding);
    heading(ui.t(Str::lui_preview), 15);
    if (s.debtors.empty()) {
        ImGui::PushTextWrapPos(0);
        mutedText(ui.t(Str::lui_preview_none));
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        return;
    }
    if (!s.debtor(previewDebtor_)) previewDebtor_ = previewDefault(s);
    const Index debtor = *s.debtor(previewDebtor_);
    fieldLabel(ui.t(Str::lui_preview_for));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##preview-debtor", s.debtors[debtor].profile.legalName.c_str(), ImGuiComboFlags_HeightLarge)) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(s.debtors.size()));
        while (mirror::step(clipper))
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const auto& d = s.debtors[static_cast<std::size_t>(k)];
                ImGui::PushID(k);
                if (ImGui::Selectable(d.profile.legalName.c_str(), d.id == previewDebtor_)) previewDebtor_ = d.id;
                ImGui::PopID();
            }
        ImGui::EndCombo();
    }
    tagLastItem("templates.previewDebtor");

    // The text as typed, saved or not.
    TemplateText text = findTemplate(s.letters, templateId_, textLang_).value_or(TemplateText{});
    text.id = templateId_;
    text.lang = textLang_;
    if (edited_) {
        text.name = name_;
        text.subject = subject_;
        text.body = body_;
    }
    const LetterOptions options{.lang = textLang_, .today = ui.today(), .deadlineDays = 10,
                                .user = ui.session->settings().userName};
    std::string key = std::to_string(ui.session->workspace().revision()) + '\x1f' + previewDebtor_ + '\x1f' +
                      langCode(textLang_) + options.today.iso() + '\x1f' + options.user + '\x1f' + templateId_;
    if (edited_) key += '\x1f' + name_ + '\x1f' + subject_ + '\x1f' + body_;
    if (key != previewKey_) {
        preview_ = writeLetter(s, LawTables(s.law), debtor, text, options);
        previewKey_ = std::move(key);
    }
    const auto& written = preview_;

    ImGui::BeginChild("##preview-text", ImVec2(0, 0));
    ImGui::PushTextWrapPos(0);
    if (const auto* letter = std::get_if<Letter>(&written)) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        for (const auto& w : letter->warnings) ImGui::TextWrapped("%s", w.message.c_str());
        ImGui::PopStyleColor();
        if (!letter->warnings.empty()) ImGui::Separator();
        if (!letter->subject.empty()) {
            ImGui::PushFont(fonts().bold, 0);
            ImGui::TextWrapped("%s", letter->subject.c_str());
            ImGui::PopFont();
            ImGui::Spacing();
        }
        ImGui::TextUnformatted(letter->text.c_str());
        tagLastItem("templates.preview", letter->text);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        ImGui::TextWrapped("%s", std::get<Problem>(written).reason(ui.lang).c_str());
        ImGui::PopStyleColor();
        tagLastItem("templates.preview.problem");
        if (ImGui::SmallButton(ui.t(Str::lui_fill_business)) && ui.openBusinessSettings) ui.openBusinessSettings();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::EndChild();
}

void LetterSettings::drawPlaceholders(Ui& ui) {
    mutedText(ui.t(Str::lui_placeholders));
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchSame;
    if (!ImGui::BeginTable("##placeholders", 3, flags)) return;
    for (const auto& p : placeholders()) {
        nextCell();
        const std::string code = std::string("{{") + p.name + "}}";
        ImGui::PushID(p.name);
        if (ImGui::SmallButton(code.c_str())) {
            std::string& into = intoSubject_ ? subject_ : body_;
            const auto at = cursor_ >= 0 ? std::min(static_cast<std::size_t>(cursor_), into.size()) : into.size();
            into.insert(at, p.block ? "\n" + code + "\n" : code);
            cursor_ = static_cast<int>(at + code.size() + (p.block ? 2 : 0));
            edited_ = true;
            ui.host.copyToClipboard(code);
            if (ui.toast) ui.toast(ui.tf(Str::lui_copied_x, {code}), ToastKind::Info);
        }
        tagLastItem(std::string("templates.placeholder.") + p.name);
        const std::string meaning = ui.t(p.meaning);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colors::textMuted);
        clippedText(meaning);
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

nlohmann::json LetterSettings::stateJson() const {
    return {{"template", templateId_},   {"lang", langCode(textLang_)}, {"edited", edited_},
            {"errors", templateErrors_}, {"business", creditorErrors_}, {"businessEdited", creditorEdited_}};
}

} // namespace recobra::ui

#include "ui/dialogs/letter_dialog.hpp"

#include "core/exchange/letter_drafts.hpp"
#include "core/letters/delivery.hpp"
#include "core/state/queries.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace recobra::ui {

namespace {

constexpr const char* kDefaultTemplate = "friendly_reminder";

bool formalByDefault(const std::string& templateId, Channel channel) {
    return channel == Channel::Burofax && (templateId == "formal_demand" || templateId == "legal_claim");
}

void warningLines(const std::vector<LetterWarning>& warnings, const char* tag) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
    ImGui::PushTextWrapPos(0);
    for (std::size_t i = 0; i < warnings.size(); ++i) {
        ImGui::TextWrapped("%s", warnings[i].message.c_str());
        tagLastItem(std::string(tag) + "." + std::to_string(i), warnings[i].message);
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

} // namespace

void LetterDialog::open(Ui& ui, Index debtor, std::string templateId, std::optional<Channel> channel) {
    if (!ui.session || debtor >= ui.state().debtors.size()) return;
    const DebtorState& d = ui.state().debtors[debtor];
    open_ = true;
    opened_ = false;
    bulk_.clear();
    bulkLetters_.clear();
    debtorId_ = d.id;
    debtorName_ = d.profile.legalName;
    templateId_ = templateId.empty() || !findTemplate(ui.state().letters, templateId, ui.lang) ? kDefaultTemplate
                                                                                             : std::move(templateId);
    lang_ = ui.lang;
    deadlineDays_ = 10;
    dirty_ = true;
    marking_ = saving_ = closeRequested_ = false;
    reference_.clear();
    limitOverride_.clear();
    error_.clear();
    errors_.clear();
    const bool mailable = channel && (*channel == Channel::Email || *channel == Channel::Letter || *channel == Channel::Burofax);
    render(ui);
    channel_ = mailable ? *channel : (letter_ && letter_->to.empty() ? Channel::Letter : Channel::Email);
    defaultFormal();
    ui.host.requestFrame();
}

void LetterDialog::openBulk(Ui& ui, std::vector<Pick> picks, std::optional<Channel> channel) {
    if (picks.empty()) return;
    const Pick first = picks.front();
    open(ui, first.debtor, first.templateId, channel);
    bulk_ = std::move(picks);
    dirty_ = true;
}

void LetterDialog::defaultFormal() { formal_ = formalByDefault(templateId_, channel_); }

void LetterDialog::render(Ui& ui) {
    const State& s = ui.state();
    letter_.reset();
    problem_.reset();
    renderedAt_ = ui.session->workspace().revision();
    dirty_ = false;
    const LetterOptions options{.lang = lang_, .today = ui.today(), .deadlineDays = deadlineDays_,
                                .user = ui.session->settings().userName};
    if (!bulk_.empty()) {
        bulkLetters_.clear();
        for (const Pick& p : bulk_) {
            if (p.debtor >= s.debtors.size()) continue;
            auto written = writeLetter(s, LawTables(s.law), p.debtor, p.templateId, options);
            if (auto* letter = std::get_if<Letter>(&written)) bulkLetters_.push_back(std::move(*letter));
            else if (!problem_) problem_ = std::get<Problem>(std::move(written));
        }
        if (problem_) bulkLetters_.clear();
        return;
    }
    const auto debtor = s.debtor(debtorId_);
    if (!debtor) {
        open_ = false;
        return;
    }
    auto written = writeLetter(s, LawTables(s.law), *debtor, templateId_, options);
    if (auto* letter = std::get_if<Letter>(&written)) letter_ = std::move(*letter);
    else problem_ = std::get<Problem>(std::move(written));
}

void LetterDialog::draw(Ui& ui) {
    if (!open_ || !ui.session) return;
    if (dirty_ || renderedAt_ != ui.session->workspace().revision()) render(ui);
    if (!open_) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size(std::min(ui.px(860), viewport->Size.x - ui.px(40)), std::min(ui.px(760), viewport->Size.y - ui.px(40)));
    if (!beginDialog("###letter", opened_, size)) {
        open_ = false;
        return;
    }
    if (closeRequested_) {
        closeRequested_ = false;
        open_ = false;
        ImGui::CloseCurrentPopup();
        endDialog();
        return;
    }
    setTagPrefix("letter");
    const bool script = letter_ && letter_->kind == TemplateKind::Script;
    const std::string title = bulk_.empty() ? ui.tf(script ? Str::lui_script_title : Str::lui_letter_title, {debtorName_})
                                            : ui.tf(Str::lui_bulk_title, {std::to_string(bulk_.size())});
    heading(fitText(title, ImGui::GetContentRegionAvail().x).c_str(), 20);

    // What is written: the template, its language, the deadline it gives.
    const State& s = ui.state();
    ImGui::BeginGroup();
    ImGui::BeginDisabled(!bulk_.empty());
    fieldLabel(ui.t(Str::lui_template));
    ImGui::SetNextItemWidth(ui.px(300));
    const std::string shown = fitText(templateName(s.letters, templateId_, ui.lang),
                                      ui.px(300) - ImGui::GetFrameHeight() - ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::BeginCombo("##template", shown.c_str())) {
        for (const auto& id : templateIds(s.letters)) {
            if (ImGui::Selectable(templateName(s.letters, id, ui.lang).c_str(), id == templateId_) && id != templateId_) {
                templateId_ = id;
                dirty_ = true;
                defaultFormal();
            }
            tagLastItem("letter.template." + id);
        }
        ImGui::EndCombo();
    }
    tagLastItem("letter.template");
    ImGui::EndDisabled();
    nextFieldColumn();
    fieldLabel(ui.t(Str::language));
    for (Lang lang : {Lang::es, Lang::en}) {
        if (ImGui::RadioButton(lang == Lang::es ? "ES" : "EN", lang_ == lang) && lang_ != lang) {
            lang_ = lang;
            dirty_ = true;
        }
        tagLastItem(std::string("letter.lang.") + langCode(lang));
        ImGui::SameLine();
    }
    ImGui::NewLine();
    nextFieldColumn();
    fieldLabel(ui.t(Str::lui_deadline_days));
    ImGui::SetNextItemWidth(ui.px(120));
    if (ImGui::InputInt("##deadline", &deadlineDays_, 1, 5)) {
        deadlineDays_ = std::clamp(deadlineDays_, 0, 365);
        dirty_ = true;
    }
    tagLastItem("letter.deadline");
    ImGui::EndGroup();
    ImGui::Spacing();

    // The bottom: the actions, "mark as sent" and Close; the letter takes what is left.
    const float line = ImGui::GetFrameHeightWithSpacing();
    float bottom = line * 2 + ImGui::GetStyle().ItemSpacing.y * 3;
    if ((letter_ || !bulk_.empty()) && !script && marking_) bottom += line * 3.6f;
    if (letter_ && !letter_->warnings.empty())
        bottom += ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<std::size_t>(letter_->warnings.size(), 4));
    if (problem_) {
        ImGui::PushTextWrapPos(0);
        ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
        ImGui::TextWrapped("%s", problem_->reason(ui.lang).c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        tagLastItem("letter.problem", problem_->reason(ui.lang));
        ImGui::Spacing();
        if (primaryButton(ui.t(Str::lui_fill_business))) {
            open_ = false;
            ImGui::CloseCurrentPopup();
            if (ui.openBusinessSettings) ui.openBusinessSettings();
        }
        tagLastItem("letter.fillBusiness");
        ImGui::SameLine();
    } else if (!bulk_.empty()) {
        drawBulk(ui, std::max(ui.px(120), ImGui::GetContentRegionAvail().y - bottom));
        ImGui::Spacing();
        if (ImGui::Button(ui.t(Str::lui_print))) ui.host.printHtml(letterPages(ui.state(), bulkLetters_));
        tagLastItem("letter.print");
        ImGui::SameLine();
        if (ImGui::Button(ui.t(Str::lui_eml_zip))) {
            const Timestamp now = ui.host.now();
            ui.host.downloadFile(Date::ofTimestamp(now).iso() + (ui.lang == Lang::es ? "-cartas.zip" : "-letters.zip"),
                                 "application/zip", emlDraftsZip(ui.state(), bulkLetters_, now));
        }
        tagLastItem("letter.emlZip");
        if (!marking_) {
            ImGui::SameLine();
            if (ImGui::Button(ui.t(Str::lui_mark_all_sent))) marking_ = true;
            tagLastItem("letter.sent");
        }
        drawMarkSent(ui);
        ImGui::Separator();
        ImGui::Spacing();
    } else if (letter_) {
        drawLetter(ui, std::max(ui.px(120), ImGui::GetContentRegionAvail().y - bottom));
        warningLines(letter_->warnings, "letter.warning");
        ImGui::Spacing();
        drawActions(ui);
        if (!script) drawMarkSent(ui);
        ImGui::Separator();
        ImGui::Spacing();
    }
    const bool closing = ImGui::Button(ui.t(Str::action_close), ImVec2(ui.px(130), 0));
    tagLastItem("letter.close");
    if (open_ && (closing || (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !saving_))) {
        open_ = false;
        ImGui::CloseCurrentPopup();
    }
    endDialog();
    setTagPrefix("form");
}

void LetterDialog::drawLetter(Ui& ui, float height) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1));
    ImGui::BeginChild("##letter-text", ImVec2(0, height), ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PushTextWrapPos(0);
    // Who it goes to, as the printed page addresses it.
    std::string to = letter_->recipientName;
    if (!letter_->attention.empty()) to += " · " + letter_->attention;
    if (!letter_->to.empty()) to += " <" + letter_->to + ">";
    mutedText(ui.tf(Str::lui_to, {to}));
    tagLastItem("letter.to", to);
    if (!letter_->subject.empty()) {
        ImGui::PushFont(fonts().bold, 0);
        ImGui::TextWrapped("%s", letter_->subject.c_str());
        ImGui::PopFont();
        tagLastItem("letter.subject", letter_->subject);
        ImGui::Spacing();
    }
    ImGui::TextUnformatted(letter_->text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    tagLastItem("letter.text");
}

// Each letter of a bulk: who it goes to, its subject, its warnings.
void LetterDialog::drawBulk(Ui& ui, float height) {
    ImGui::BeginChild("##letters", ImVec2(0, height), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
    ImGui::PushTextWrapPos(0);
    for (std::size_t i = 0; i < bulkLetters_.size(); ++i) {
        const Letter& l = bulkLetters_[i];
        ImGui::PushFont(fonts().bold, 0);
        ImGui::TextWrapped("%s", l.recipientName.c_str());
        ImGui::PopFont();
        tagLastItem("letter.bulk." + std::to_string(i), l.recipientName);
        mutedText(l.subject);
        warningLines(l.warnings, ("letter.bulk." + std::to_string(i) + ".warning").c_str());
        ImGui::Separator();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    (void)ui;
}

void LetterDialog::drawActions(Ui& ui) {
    const Letter& l = *letter_;
    const bool script = l.kind == TemplateKind::Script;
    if (primaryButton(ui.t(Str::lui_copy))) {
        ui.host.copyToClipboard(l.subject.empty() ? l.text : l.subject + "\n\n" + l.text);
        if (ui.toast) ui.toast(ui.t(Str::lui_copied), ToastKind::Success);
    }
    tagLastItem("letter.copy");
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::lui_print))) ui.host.printHtml(letterPages(ui.state(), {l}));
    tagLastItem("letter.print");
    if (script) return;
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::lui_eml)))
        ui.host.downloadFile(letterFileName(ui.state(), l, "eml"), "message/rfc822", emlDraft(ui.state(), l, ui.now()));
    tagLastItem("letter.eml");
    ImGui::SameLine();
    const MailtoLink mailto = mailtoLink(l);
    ImGui::BeginDisabled(mailto.tooLong);
    if (ImGui::Button(ui.t(Str::lui_mailto))) ui.host.openUrl(mailto.url);
    ImGui::EndDisabled();
    tagLastItem("letter.mailto");
    if (mailto.tooLong) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        mutedText(fitText(ui.t(Str::lui_mailto_long), ImGui::GetContentRegionAvail().x));
        tagLastItem("letter.mailtoLong");
    }
    if (!marking_) {
        ImGui::SameLine();
        const float w = ImGui::CalcTextSize(ui.t(Str::lui_mark_sent)).x + ImGui::GetStyle().FramePadding.x * 2;
        if (!mailto.tooLong) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - w));
        else ImGui::NewLine();
        if (ImGui::Button(ui.t(Str::lui_mark_sent))) marking_ = true;
        tagLastItem("letter.sent");
    }
}

void LetterDialog::drawMarkSent(Ui& ui) {
    if (!marking_) return;
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::BeginGroup();
    if (enumField(ui, ui.t(Str::lui_sent_by), "channel", channel_, errors_, ui.px(180),
                  {Channel::Email, Channel::Letter, Channel::Burofax}))
        defaultFormal();
    ImGui::EndGroup();
    if (channel_ == Channel::Burofax) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        textField(ui, ui.t(Str::lui_burofax_ref), "reference", reference_, errors_, ui.px(220), ui.t(Str::optional_hint));
        ImGui::EndGroup();
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    fieldLabel(" ");
    checkField(ui.t(Str::lui_formal), "formalClaim", formal_);
    fieldError(errors_, "formalClaim");
    ImGui::EndGroup();
    if (errors_.count("limitOverride") || !limitOverride_.empty())
        textField(ui, ui.t(Str::field_limit_override), "limitOverride", limitOverride_, errors_, ui.px(520));
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::danger);
        ImGui::PushTextWrapPos(0);
        ImGui::TextWrapped("%s", error_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        tagLastItem("letter.error", error_);
    }
    ImGui::BeginDisabled(saving_);
    if (primaryButton(ui.t(Str::lui_confirm))) confirm(ui);
    tagLastItem("letter.confirm");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(ui.t(Str::action_cancel))) {
        marking_ = false;
        errors_.clear();
        error_.clear();
    }
    tagLastItem("letter.cancelSent");
    ImGui::Spacing();
}

InteractionLogged LetterDialog::sentCommand(const Ui& ui, const Letter& l) const {
    InteractionLogged c;
    c.debtor = ui.state().debtors[l.debtor].id;
    c.at = ui.host.now();
    c.channel = channel_;
    c.direction = Direction::Outbound;
    c.outcome = Outcome::Other;
    c.summary = l.subject.empty() ? templateName(ui.state().letters, l.templateId, l.lang) : l.subject;
    c.formalClaim = formal_;
    c.limitOverride = limitOverride_;
    c.letter = LetterSent{.lang = langCode(l.lang),
                          .reference = channel_ == Channel::Burofax ? reference_ : std::string(),
                          .sha256 = {},
                          .subject = l.subject,
                          .templateId = l.templateId,
                          .text = l.text};
    return c;
}

void LetterDialog::confirm(Ui& ui) {
    errors_.clear();
    error_.clear();
    // Every problem at once, each beside its field; what has no field here goes above Confirm.
    auto place = [this, &ui](const Problem& p, const std::string& who) {
        const std::string field = p.field == "letter.reference" ? "reference" : p.field;
        if (field == "reference" || field == "limitOverride" || field == "formalClaim" || field == "channel")
            errors_.emplace(field, p.reason(ui.lang));
        else if (error_.empty())
            error_ = who.empty() ? p.reason(ui.lang) : who + ": " + p.reason(ui.lang);
    };
    std::vector<Command> commands;
    if (!bulk_.empty()) {
        for (const Letter& l : bulkLetters_) {
            commands.push_back(sentCommand(ui, l));
            for (const auto& p : ui.problems(commands.back())) place(p, l.recipientName);
        }
    } else if (letter_) {
        commands.push_back(sentCommand(ui, *letter_));
        for (const auto& p : ui.problems(commands.back())) place(p, {});
    }
    if (commands.empty() || !errors_.empty() || !error_.empty()) return;
    saving_ = true;
    const std::string debtor = debtorId_;
    auto done = [this, &ui, debtor, place](const CommandOutcome& outcome) {
        saving_ = false;
        if (!outcome.ok) {
            if (outcome.problem) place(*outcome.problem, {});
            return;
        }
        if (ui.toast) ui.toast(ui.t(Str::lui_logged), ToastKind::Success);
        if (debtor == debtorId_) {
            marking_ = false;
            closeRequested_ = true; // closed by the next frame, from inside the popup
        }
    };
    if (commands.size() == 1) ui.submit(std::move(commands.front()), done);
    else ui.session->submitAll(std::move(commands), ui.commandContext(), done); // all or none
}

nlohmann::json LetterDialog::stateJson() const {
    if (!open_) return nullptr;
    nlohmann::json j = {{"debtor", debtorId_}, {"bulk", bulkLetters_.size()},   {"template", templateId_}, {"lang", langCode(lang_)},
                        {"deadlineDays", deadlineDays_}, {"marking", marking_}, {"saving", saving_},
                        {"channel", enumName(channel_)}, {"formalClaim", formal_}, {"errors", errors_},
                        {"error", error_}};
    if (problem_) j["problem"] = problem_->reason(lang_);
    if (letter_) {
        nlohmann::json warnings = nlohmann::json::array();
        for (const auto& w : letter_->warnings) warnings.push_back(w.message);
        j["recipient"] = letter_->recipientName;
        j["subject"] = letter_->subject;
        j["text"] = letter_->text;
        j["warnings"] = warnings;
        j["script"] = letter_->kind == TemplateKind::Script;
        j["mailtoTooLong"] = mailtoLink(*letter_).tooLong;
    }
    return j;
}

} // namespace recobra::ui

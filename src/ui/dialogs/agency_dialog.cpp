#include "ui/dialogs/agency_dialog.hpp"

#include "core/state/queries.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace recobra::ui {

namespace {

// Each frame does about this much of the work, then draws (the page stays responsive).
constexpr Timestamp kSliceMs = 12;
constexpr std::size_t kBuildUnits = 400;             // units of AgencyPackageBuilder::step
constexpr std::size_t kZipBytes = 4 * 1024 * 1024;   // bytes CRC'd per zip step
constexpr int kMaxStepsPerFrame = 250;               // when the clock stands still (?now=)

std::string kilobytes(std::size_t bytes, Lang lang) {
    return formatCount(static_cast<std::int64_t>((bytes + 1023) / 1024), lang) + " KB";
}

} // namespace

void AgencyDialog::open(Ui& ui, std::vector<std::string> listed, bool filtered, std::string single) {
    close();
    open_ = true;
    opened_ = false;
    listed_ = std::move(listed);
    filtered_ = filtered && !listed_.empty();
    single_ = std::move(single);
    mode_ = filtered_ ? Mode::List : Mode::Filter;
    picked_.clear();
    search_.clear();
    problem_.reset();
    dirty_ = true;
    ui.host.requestFrame();
}

void AgencyDialog::close() {
    open_ = false;
    phase_ = Phase::Choose;
    builder_.reset();
    zipper_.reset();
    package_.reset();
}

AgencySelection AgencyDialog::selection() const {
    AgencySelection s;
    if (!single_.empty()) s.debtors = {single_};
    else if (mode_ == Mode::List) s.debtors = listed_;
    else if (mode_ == Mode::Hand) s.debtors.assign(picked_.begin(), picked_.end());
    else {
        s.stages = stages_;
        if (useMinDays_) s.minDaysOverdue = minDays_;
    }
    return s;
}

void AgencyDialog::recount(Ui& ui) {
    const State& state = ui.state();
    chosen_.clear();
    invoices_ = interactions_ = 0;
    problem_.reset();
    const AgencySelection s = selection();
    // By hand or from a list, an empty choice is nobody (selectDebtors would read it as "all").
    const bool nobody = single_.empty() && mode_ != Mode::Filter && s.debtors.empty();
    if (!nobody) {
        AgencySelected selected = selectDebtors(state, s, ui.today());
        problem_ = std::move(selected.problem);
        chosen_ = std::move(selected.debtors);
    }
    for (Index d : chosen_) {
        invoices_ += state.debtors[d].invoices.size();
        interactions_ += state.debtors[d].interactions.size();
    }
    countedRevision_ = ui.session->workspace().revision();
    dirty_ = false;
}

void AgencyDialog::start(Ui& ui) {
    AgencyOptions options;
    options.lang = ui.lang;
    options.today = ui.today();
    options.utcOffsetMinutes = ui.host.utcOffsetMinutes();
    options.preparedBy = ui.session->settings().userName;
    const auto& ws = ui.session->workspace();
    builder_ = std::make_unique<AgencyPackageBuilder>(ws.state(), ws.log(), chosen_, options);
    zipper_.reset();
    package_.reset();
    buildRevision_ = ws.revision();
    fileName_ = agencyZipName(ui.lang, options.today);
    phase_ = Phase::Building;
    frames_ = 0;
    startedAt_ = ui.now();
    ui.host.requestFrame();
}

void AgencyDialog::work(Ui& ui) {
    // The builder reads the state as it goes: if the data changed, start again on the new data.
    if (phase_ == Phase::Building && ui.session->workspace().revision() != buildRevision_) {
        recount(ui);
        if (chosen_.empty()) {
            phase_ = Phase::Choose;
            builder_.reset();
            return;
        }
        start(ui);
    }
    ++frames_;
    const Timestamp deadline = ui.now() + kSliceMs;
    int steps = 0;
    if (phase_ == Phase::Building) {
        bool more = true;
        while (more && steps++ < kMaxStepsPerFrame && ui.now() < deadline) more = builder_->step(kBuildUnits);
        if (!more) {
            package_ = builder_->take();
            builder_.reset();
            const Timestamp local = ui.now() + ui.host.utcOffsetMinutes() * 60'000LL;
            const auto ms = static_cast<int>(((local % 86'400'000) + 86'400'000) % 86'400'000);
            const ZipTime time{ui.today(), ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60};
            zipper_ = std::make_unique<AgencyZipper>(*package_, agencyZipFolder(ui.lang, ui.today()), time);
            phase_ = Phase::Zipping;
        }
    } else if (phase_ == Phase::Zipping) {
        bool more = true;
        while (more && steps++ < kMaxStepsPerFrame && ui.now() < deadline) more = zipper_->step(kZipBytes);
        if (!more) {
            if (zipper_->failed()) {
                problem_ = problem(Str::agency_err_too_large);
                phase_ = Phase::Choose;
            } else {
                const std::string zip = zipper_->take();
                zipBytes_ = zip.size();
                ui.host.downloadFile(fileName_, "application/zip", zip);
                phase_ = Phase::Done;
                finishedAt_ = ui.now();
            }
            zipper_.reset();
        }
    }
    ui.host.requestFrame();
}

void AgencyDialog::draw(Ui& ui) {
    if (!open_ || !ui.session) return;
    if (phase_ == Phase::Choose && (dirty_ || countedRevision_ != ui.session->workspace().revision())) recount(ui);
    if (phase_ == Phase::Building || phase_ == Phase::Zipping) work(ui);
    const char* id = "###agency";
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const bool tall = single_.empty() && mode_ == Mode::Hand;
    const ImVec2 size(std::min(ui.px(820), viewport->Size.x - ui.px(40)),
                      tall ? std::min(ui.px(700), viewport->Size.y - ui.px(60)) : 0.0f);
    if (!beginDialog(id, opened_, size)) {
        close();
        return;
    }
    setTagPrefix("agency");
    heading(ui.t(Str::agency_dialog_title), 20);
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    mutedText(ui.t(Str::agency_dialog_explain));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();

    bool closing = false;
    if (phase_ == Phase::Done) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::success);
        ImGui::PushTextWrapPos(0);
        ImGui::TextWrapped("%s", ui.tf(Str::agency_dialog_done,
                                       {fileName_, formatCount(static_cast<std::int64_t>(chosen_.size()), ui.lang),
                                        kilobytes(zipBytes_, ui.lang)})
                                     .c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        tagLastItem("agency.done");
        ImGui::Spacing();
        closing = primaryButton(ui.t(Str::action_close), ImVec2(ui.px(130), 0));
        tagLastItem("agency.close");
    } else {
        const bool working = phase_ != Phase::Choose;
        ImGui::BeginDisabled(working);
        drawChoice(ui);
        ImGui::EndDisabled();
        ImGui::Spacing();
        drawCounts(ui);
        ImGui::Spacing();
        if (working) {
            const double fraction = phase_ == Phase::Building ? (builder_ ? builder_->progress() * 0.9 : 0.9)
                                                              : 0.9 + (zipper_ ? zipper_->progress() * 0.1 : 0.1);
            const std::string label =
                ui.tf(Str::agency_dialog_building, {std::to_string(static_cast<int>(fraction * 100))});
            ImGui::ProgressBar(static_cast<float>(fraction), ImVec2(-1, 0), label.c_str());
            mirror::progress(label, static_cast<float>(fraction));
            tagLastItem("agency.progress");
            ImGui::Spacing();
        }
        ImGui::Separator();
        ImGui::Spacing();
        closing = ImGui::Button(ui.t(Str::action_cancel), ImVec2(ui.px(130), 0));
        tagLastItem("agency.cancel");
        ImGui::SameLine();
        ImGui::BeginDisabled(working || chosen_.empty() || problem_.has_value());
        if (primaryButton(ui.t(Str::agency_dialog_build))) start(ui);
        tagLastItem("agency.build");
        ImGui::EndDisabled();
    }
    if (closing || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        close();
        ImGui::CloseCurrentPopup();
    }
    endDialog();
}

void AgencyDialog::drawChoice(Ui& ui) {
    const State& s = ui.state();
    if (!single_.empty()) {
        const auto d = s.debtor(single_);
        ImGui::TextUnformatted(ui.tf(Str::agency_dialog_single, {d ? s.debtors[*d].profile.legalName : single_}).c_str());
        tagLastItem("agency.single");
        return;
    }
    auto modeButton = [&](Mode mode, const std::string& label, const char* tag) {
        if (ImGui::RadioButton(label.c_str(), mode_ == mode) && mode_ != mode) {
            // Picking by hand starts from what the previous choice selected.
            if (mode == Mode::Hand && picked_.empty())
                for (Index d : chosen_) picked_.insert(s.debtors[d].id);
            mode_ = mode;
            dirty_ = true;
        }
        tagLastItem(std::string("agency.mode.") + tag);
    };
    if (filtered_) {
        modeButton(Mode::List, ui.tf(Str::agency_mode_list, {formatCount(static_cast<std::int64_t>(listed_.size()), ui.lang)}),
                   "list");
        ImGui::SameLine(0, ui.px(24));
    }
    modeButton(Mode::Filter, ui.t(Str::agency_mode_filter), "filter");
    ImGui::SameLine(0, ui.px(24));
    modeButton(Mode::Hand, ui.t(Str::agency_mode_hand), "hand");
    ImGui::Spacing();

    if (mode_ == Mode::Filter) {
        fieldLabel(ui.t(Str::agency_stages));
        const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
        bool first = true;
        for (const auto& [stage, name] : EnumTable<Stage>::values) {
            const char* label = recobra::label(stage, ui.lang);
            const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
            if (!first) {
                ImGui::SameLine(0, ui.px(16));
                if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
            }
            first = false;
            bool on = stages_.count(stage) > 0;
            if (ImGui::Checkbox(label, &on)) {
                if (on) stages_.insert(stage);
                else stages_.erase(stage);
                dirty_ = true;
            }
            tagLastItem(std::string("agency.stage.") + name);
        }
        mutedText(ui.t(stages_.empty() ? Str::agency_stages_any : Str::agency_stages_hint));
        ImGui::Spacing();
        if (ImGui::Checkbox(ui.t(Str::agency_min_days), &useMinDays_)) dirty_ = true;
        tagLastItem("agency.minDays.on");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ui.px(120));
        ImGui::BeginDisabled(!useMinDays_);
        if (ImGui::InputInt("##minDays", &minDays_, 1, 30)) {
            minDays_ = std::clamp(minDays_, 0, 100'000);
            dirty_ = true;
        }
        tagLastItem("agency.minDays");
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextUnformatted(ui.t(Str::agency_days_overdue_suffix));
    } else if (mode_ == Mode::Hand) {
        const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetTextLineHeightWithSpacing() + ui.px(56);
        drawHandPicker(ui, std::max(ui.px(160), ImGui::GetContentRegionAvail().y - footer));
    }
}

void AgencyDialog::drawHandPicker(Ui& ui, float height) {
    const State& s = ui.state();
    ImGui::SetNextItemWidth(ui.px(320));
    ImGui::InputTextWithHint("##search", ui.t(Str::debtors_search_hint), &search_);
    mirror::name(ui.t(Str::debtors_search_hint));
    tagLastItem("agency.search");
    // The same matching and order as the debtors list (accents and case ignored).
    DebtorFilter filter;
    filter.text = search_;
    handList_.update(s, filter, DebtorSort{}, ui.today(), ui.currency());
    const auto& rows = handList_.rows();
    ImGui::SameLine();
    if (ImGui::SmallButton(ui.t(Str::agency_pick_all))) {
        for (const auto& r : rows) picked_.insert(s.debtors[r.debtor].id);
        dirty_ = true;
    }
    tagLastItem("agency.all");
    ImGui::SameLine();
    if (ImGui::SmallButton(ui.t(Str::agency_pick_none))) {
        picked_.clear();
        dirty_ = true;
    }
    tagLastItem("agency.none");
    if (!ImGui::BeginTable("agency-pick", 4,
                           ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                               ImGuiTableFlags_SizingStretchProp,
                           ImVec2(0, height)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.t(Str::col_name), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(ui.t(Str::col_outstanding), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(ui.t(Str::col_days_overdue), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.t(Str::col_stage), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (mirror::step(clipper)) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const DebtorRow& row = rows[static_cast<std::size_t>(k)];
            const DebtorState& d = s.debtors[row.debtor];
            nextRow();
            cell(0);
            ImGui::PushID(k);
            bool on = picked_.count(d.id) > 0;
            const std::string label = fitText(d.profile.legalName, ImGui::GetContentRegionAvail().x - ui.px(32));
            if (ImGui::Checkbox(label.c_str(), &on)) {
                if (on) picked_.insert(d.id);
                else picked_.erase(d.id);
                dirty_ = true;
            }
            if (k < 50) tagLastItem("agency.pick." + std::to_string(k));
            ImGui::PopID();
            cell(1);
            textRightAligned(ui.money(d.outstanding));
            cell(2);
            textRightAligned(row.daysOverdue > 0 ? formatCount(row.daysOverdue, ui.lang) : ui.t(Str::none_dash));
            cell(3);
            pill(recobra::label(row.stage, ui.lang), stageColor(row.stage));
        }
    }
    ImGui::EndTable();
}

void AgencyDialog::drawCounts(Ui& ui) {
    if (problem_) {
        errorBanner(problem_->describe(ui.lang));
        tagLastItem("agency.problem");
        return;
    }
    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), ui.lang); };
    if (chosen_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colors::warning);
        ImGui::TextUnformatted(ui.t(Str::agency_dialog_nobody));
        ImGui::PopStyleColor();
    } else {
        heading(ui.tf(Str::agency_dialog_counts, {n(chosen_.size()), n(invoices_), n(interactions_)}).c_str(), 16);
    }
    tagLastItem("agency.counts");
}

nlohmann::json AgencyDialog::stateJson() const {
    if (!open_) return nullptr;
    const char* phases[] = {"choose", "building", "zipping", "done"};
    const char* modes[] = {"list", "filter", "hand"};
    nlohmann::json j = {{"mode", single_.empty() ? modes[static_cast<int>(mode_)] : "single"},
                        {"phase", phases[static_cast<int>(phase_)]},
                        {"debtors", chosen_.size()},
                        {"invoices", invoices_},
                        {"interactions", interactions_},
                        {"file", fileName_},
                        {"bytes", zipBytes_},
                        {"frames", frames_}};
    if (phase_ == Phase::Done) j["ms"] = finishedAt_ - startedAt_;
    if (problem_) j["error"] = problem_->describe(Lang::en);
    return j;
}

} // namespace recobra::ui

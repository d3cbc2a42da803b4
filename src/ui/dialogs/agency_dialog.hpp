#pragma once
// "Send to agency": choose debtors (those of the debtors list as filtered, by stage and days
// overdue, or by hand; from the 360° view, that debtor alone), see how many debtors,
// invoices and interactions go, then build the package (agency.hpp) a slice per frame with
// a progress bar, zip it (agency_zip.hpp) and download it as one file.
#include "core/exchange/agency/agency_zip.hpp"
#include "core/rules/debtor_list.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace recobra::ui {

class AgencyDialog {
public:
    // `listed`: the debtors the list shows (offered as a choice when `filtered`); `single`: the
    // 360° view's debtor, the only one that goes.
    void open(Ui& ui, std::vector<std::string> listed, bool filtered, std::string single = {});
    bool isOpen() const { return open_; }
    void draw(Ui& ui);
    nlohmann::json stateJson() const;

private:
    enum class Mode { List, Filter, Hand };
    enum class Phase { Choose, Building, Zipping, Done };
    AgencySelection selection() const;
    void recount(Ui& ui);
    void drawChoice(Ui& ui);
    void drawHandPicker(Ui& ui, float height);
    void drawCounts(Ui& ui);
    void start(Ui& ui);
    void work(Ui& ui);
    void close();

    bool open_ = false, opened_ = false;
    Mode mode_ = Mode::Filter;
    Phase phase_ = Phase::Choose;
    std::vector<std::string> listed_;
    bool filtered_ = false;
    std::string single_;
    std::set<Stage> stages_{Stage::Agency};
    bool useMinDays_ = false;
    int minDays_ = 90;
    std::set<std::string> picked_; // by hand
    std::string search_;
    DebtorList handList_;
    // What the choice selects, recounted when it or the data changes.
    std::vector<Index> chosen_;
    std::size_t invoices_ = 0, interactions_ = 0;
    std::optional<Problem> problem_;
    bool dirty_ = true;
    std::uint64_t countedRevision_ = ~0ull;
    // The work, across frames.
    std::unique_ptr<AgencyPackageBuilder> builder_;
    std::optional<AgencyPackage> package_;
    std::unique_ptr<AgencyZipper> zipper_;
    std::uint64_t buildRevision_ = 0;
    std::string fileName_;
    std::size_t zipBytes_ = 0, frames_ = 0;
    Timestamp startedAt_ = 0, finishedAt_ = 0;
};

} // namespace recobra::ui

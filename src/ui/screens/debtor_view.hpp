#pragma once
// The 360° view of one debtor: profile and contacts, key figures, the actions of a
// collector's day, and one chronological timeline of everything that happened (invoices,
// payments, conversations and promises, stage changes, notes), each with its author; the
// invoices with their interest and prescription, what the law lets the creditor claim, and the
// payment plans and offers (debtor_plans.hpp).
#include "ui/screens/claim_view.hpp"
#include "ui/ui.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace recobra::ui {

struct TimelineEntry {
    Timestamp at = 0;
    std::string title;   // "Llamada saliente · Promesa de pago"
    std::string detail;  // the summary, the allocation, the reason…
    std::string author;
    ImU32 color = 0;
    Timestamp recorded = 0; // when it was recorded (`at` is when it happened: a call's time)
};

// Everything that happened to a debtor, newest first.
std::vector<TimelineEntry> buildTimeline(const Ui& ui, Index debtor);

class DebtorView {
public:
    void open(const std::string& debtorId);
    const std::string& debtorId() const { return debtorId_; }
    void draw(Ui& ui);
    // For window.recobra.uiState(): the debtor shown and its timeline as displayed.
    nlohmann::json stateJson(const Ui& ui) const;

private:
    void drawHeader(Ui& ui, Index debtor);
    void drawProfile(Ui& ui, Index debtor);
    void drawTimeline(Ui& ui, Index debtor);
    void drawInvoices(Ui& ui, Index debtor);
    void drawPayments(Ui& ui, Index debtor);
    void drawPromises(Ui& ui, Index debtor);

    std::string debtorId_;
    int tab_ = 0;
    int selectTab_ = -1; // a tab to bring forward on the next frame
    // The timeline is rebuilt when the debtor changes, the language or the day does.
    std::vector<TimelineEntry> timeline_;
    std::uint32_t timelineVersion_ = 0xFFFFFFFFu;
    Lang timelineLang_ = Lang::es;
    std::string timelineFor_;
    ClaimCache claim_; // the law's figures, for the header, the invoices and the claim tab
};

} // namespace recobra::ui

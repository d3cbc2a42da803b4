// The proof that a formal claim or an acknowledgement reached the debtor (LO 1/2025 art. 10): a
// burofax receipt, a certified email, a notarial act, a mediation certificate, a signed
// acknowledgement, with its reference and the day it was received.
#include "ui/forms/fields.hpp"

#include <algorithm>

namespace recobra::ui {

namespace {

class ProofForm final : public Form {
public:
    ProofForm(Ui& ui, Index debtor) : debtor_(debtor) {
        const auto& acts = ui.state().debtors[debtor].legalActs;
        for (std::size_t k = 0; k < acts.size(); ++k) acts_.push_back(k);
        // The latest first; one without a proof yet is the likelier.
        std::stable_sort(acts_.begin(), acts_.end(), [&](std::size_t a, std::size_t b) { return acts[b].on < acts[a].on; });
        std::stable_partition(acts_.begin(), acts_.end(), [&](std::size_t k) { return !acts[k].proof; });
        receivedOn_ = ui.date(ui.today());
    }
    const char* title(const Ui& ui) const override { return ui.t(Str::form_proof); }
    const char* tag() const override { return "proof"; }

private:
    std::string actName(const Ui& ui, std::size_t k) const {
        const LegalAct& act = ui.state().debtors[debtor_].legalActs[k];
        std::string name = ui.date(act.on) + " · " + recobra::label(act.channel, ui.lang) + " · " +
                           ui.t(act.formalClaim ? Str::tl_formal_claim : Str::field_acknowledges);
        if (act.proof) name += " · " + std::string(recobra::label(*act.proof, ui.lang));
        return name;
    }

    void fields(Ui& ui) override {
        const float w = width(ui);
        if (acts_.empty()) {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
            mutedText(ui.t(Str::proof_no_claims));
            ImGui::PopTextWrapPos();
            return;
        }
        fieldLabel(ui.t(Str::field_proof_of));
        ImGui::SetNextItemWidth(w);
        if (ImGui::BeginCombo("##act", actName(ui, acts_[chosen_]).c_str())) {
            for (std::size_t k = 0; k < acts_.size(); ++k) {
                if (ImGui::Selectable(actName(ui, acts_[k]).c_str(), k == chosen_)) chosen_ = k;
                tagLastItem(tagFor("interaction") + "." + std::to_string(k));
            }
            ImGui::EndCombo();
        }
        tagLastItem(tagFor("interaction"));
        fieldError(errors_, "interaction");
        {
            Columns c(ui, w);
            enumField(ui, ui.t(Str::field_proof_kind), "kind", kind_, errors_, c.half);
            c.next();
            textField(ui, ui.t(Str::field_received_on), "receivedOn", receivedOn_, errors_, c.half, ui.t(Str::date_hint));
        }
        textField(ui, ui.t(Str::field_proof_reference), "reference", reference_, errors_, w, ui.t(Str::optional_hint));
    }

    std::optional<Command> command(Ui& ui) override {
        if (acts_.empty()) {
            errors_["interaction"] = ui.t(Str::err_required);
            return std::nullopt;
        }
        const auto received = readDate(ui, receivedOn_, "receivedOn");
        ProofAttached c;
        c.debtor = ui.state().debtors[debtor_].id;
        c.interaction = ui.state().debtors[debtor_].legalActs[acts_[chosen_]].interaction;
        c.kind = kind_;
        c.receivedOn = received.value_or(ui.today()); // unread: its error is in errors_
        c.reference = reference_;
        return c;
    }

    Index debtor_;
    std::vector<std::size_t> acts_; // the debtor's legal acts, as offered
    std::size_t chosen_ = 0;
    ProofKind kind_ = ProofKind::BurofaxReceipt;
    std::string receivedOn_, reference_;
};

} // namespace

std::shared_ptr<Form> proofForm(Ui& ui, Index debtor) { return std::make_shared<ProofForm>(ui, debtor); }

} // namespace recobra::ui

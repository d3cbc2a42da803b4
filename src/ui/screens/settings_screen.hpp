#pragma once
// Settings: language, the user's name (the author of their actions), the default currency,
// the team, team sync, storage status (persistent or not, usage, which tab writes) and example data.
#include "ui/screens/letter_settings.hpp"
#include "ui/ui.hpp"
#include "ui/widgets.hpp"

namespace recobra::ui {

class SettingsScreen {
public:
    void draw(Ui& ui);
    std::function<void(Lang)> setLanguage; // provided by the shell
    // Brings "Your business" into view (the composer's "fill in your business").
    void showBusiness() { scrollToBusiness_ = true; }
    nlohmann::json stateJson() const { return letters_.stateJson(); }

private:
    void drawYou(Ui& ui);
    void drawTeam(Ui& ui);
    void drawStorage(Ui& ui);
    void drawBackups(Ui& ui);
    void drawSync(Ui& ui);

    std::string name_;
    bool nameLoaded_ = false;
    std::string memberName_, memberRole_;
    FieldErrors memberErrors_;
    bool addingMember_ = false;
    LetterSettings letters_;
    bool scrollToBusiness_ = false;
    std::string syncUrl_, syncDb_ = "recobra", syncUser_, syncPassword_;
    bool syncLoaded_ = false;
};

} // namespace recobra::ui

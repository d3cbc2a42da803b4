// window.recobra (web/api.js, docs/automation.md): commands through the same path as the forms,
// example data, the summary, the agenda, the agency package, the language and screen shown, the
// UI's state and where a tagged widget was drawn.
#include "app/runtime.hpp"

#include "core/exchange/agency/agency_zip.hpp"
#include "core/law/court_route.hpp"
#include "core/letters/letter.hpp"
#include "core/reports/kpis.hpp"
#include "core/rules/agenda.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"
#include "ui/locator.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::app;

extern "C" {

// window.recobra.dispatch(): the same path as the UI's forms. The answer arrives through
// rb_js_command_done(request, result) once the change is durable (or refused).
EMSCRIPTEN_KEEPALIVE void rb_dispatch(int request, const char* text, int length) {
    if (!rt || !rt->session) return;
    const auto command = nlohmann::json::parse(text, text + length, nullptr, false);
    if (command.is_discarded()) {
        CommandOutcome outcome;
        outcome.problem = problem(Str::err_type_object, "");
        rb_js_command_done(request, resultJson(outcome).c_str());
        return;
    }
    rt->session->submit(command, commandContext(), [request](const CommandOutcome& outcome) {
        rb_js_command_done(request, resultJson(outcome).c_str());
        rt->host.requestFrame();
    });
    rt->host.requestFrame();
}

// window.recobra.loadDemo() / clearDemo(): answered through rb_js_command_done.
EMSCRIPTEN_KEEPALIVE void rb_demo(int request, int load) {
    if (!rt || !rt->ui) return;
    auto done = [request](const CommandOutcome& outcome) {
        rb_js_command_done(request, resultJson(outcome).c_str());
        rt->host.requestFrame();
    };
    if (load) rt->ui->loadDemo(done);
    else rt->ui->clearDemo(done);
}

EMSCRIPTEN_KEEPALIVE const char* rb_summary() {
    if (!rt || !rt->session) return "{}";
    const auto& ws = rt->session->workspace();
    const CommandContext context = commandContext();
    auto j = summarize(ws.state(), ws.log().size(), context.today());
    j["saving"] = rt->session->writesInFlight();
    j["writer"] = rt->session->writer();
    return keep(j.dump());
}

// window.recobra.agenda(): today's agenda, the same JSON as `recobra agenda FILE --today D`.
EMSCRIPTEN_KEEPALIVE const char* rb_agenda() {
    if (!rt || !rt->session) return "{}";
    const auto& state = rt->session->workspace().state();
    return keep(agendaJson(state, computeAgenda(state, commandContext().today())).dump());
}

// window.recobra.claim(debtorId): what the law lets the creditor claim from that debtor today,
// with the court route; the same JSON as `recobra claim FILE --debtor ID --today D`. "null"
// for an unknown debtor.
EMSCRIPTEN_KEEPALIVE const char* rb_claim(const char* id) {
    if (!rt || !rt->session) return "null";
    const auto& state = rt->session->workspace().state();
    const auto debtor = state.debtor(id ? id : "");
    if (!debtor) return "null";
    const DebtorClaim claim = claimFor(state, LawTables(state.law), *debtor, commandContext().today());
    nlohmann::json j = claimJson(state, claim);
    j["courtRoute"] = courtRouteJson(state, courtRoute(state, claim));
    return keep(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// window.recobra.plan(debtorId): the debtor's payment plans and offers today, each
// installment's status (docs/plans-and-offers.md); the same JSON as `recobra plan FILE
// --debtor ID --today D`. "null" for an unknown debtor.
EMSCRIPTEN_KEEPALIVE const char* rb_plan(const char* id) {
    if (!rt || !rt->session) return "null";
    const auto& state = rt->session->workspace().state();
    const auto debtor = state.debtor(id ? id : "");
    if (!debtor) return "null";
    return keep(plansJson(state, *debtor, commandContext().today()).dump(-1, ' ', false,
                                                                          nlohmann::json::error_handler_t::replace));
}

// window.recobra.letter(debtorId, template, lang): the letter or call script written today
// for that debtor (docs/letters.md), {template, lang, kind, to, subject, text, html, warnings};
// the same JSON as `recobra letter FILE --debtor ID --template T --format json`. A letter that
// cannot be written gives {ok: false, error, code, field}; "null" for an unknown debtor.
EMSCRIPTEN_KEEPALIVE const char* rb_letter(const char* id, const char* templateId, const char* lang) {
    if (!rt || !rt->session) return "null";
    const auto& state = rt->session->workspace().state();
    const auto debtor = state.debtor(id ? id : "");
    if (!debtor) return "null";
    const LetterOptions options{.lang = parseLang(lang ? lang : "").value_or(uiLanguage()),
                                .today = commandContext().today(),
                                .deadlineDays = 10,
                                .user = authorName(rt->session->settings(), state)};
    const auto written = writeLetter(state, LawTables(state.law), *debtor, templateId ? templateId : "", options);
    nlohmann::json out;
    if (const auto* problem = std::get_if<Problem>(&written))
        out = {{"ok", false},
               {"error", problem->describe(uiLanguage())},
               {"code", strId(problem->code)},
               {"field", problem->field}};
    else
        out = letterJson(std::get<Letter>(written));
    return keep(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// window.recobra.kpis(options): the collection KPIs (docs/kpis.md) for {asOf, from, to, by,
// months}, defaults from today; the same JSON as `recobra kpis FILE --as-of D …`. A refused
// option gives {ok: false, error, code, field}.
EMSCRIPTEN_KEEPALIVE const char* rb_kpis(const char* text, int length) {
    if (!rt || !rt->session) return "{}";
    const auto args = length > 0 ? nlohmann::json::parse(text, text + length, nullptr, false) : nlohmann::json();
    const KpiOptionsRead read =
        args.is_discarded() ? KpiOptionsRead{{}, problem(Str::err_type_object, "")} : readKpiOptions(args, commandContext().today());
    if (read.problem) {
        const nlohmann::json out = {{"ok", false},
                                    {"error", read.problem->describe(uiLanguage())},
                                    {"code", strId(read.problem->code)},
                                    {"field", read.problem->field}};
        return keep(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    const auto& state = rt->session->workspace().state();
    return keep(kpisJson(computeKpis(state, read.options)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// window.recobra.agencyPackage({stages, minDaysOverdue, debtors, download}): builds the agency
// package for that choice (as the dialog does, in one go) and zips it; downloads it if asked.
EMSCRIPTEN_KEEPALIVE const char* rb_agency_package(const char* text, int length) {
    if (!rt || !rt->session) return "{}";
    const Lang lang = uiLanguage();
    nlohmann::json out = {{"ok", false}};
    auto fail = [&](const Problem& p) {
        out["error"] = p.describe(lang);
        out["code"] = strId(p.code);
        out["field"] = p.field;
        return keep(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    };
    const auto args = nlohmann::json::parse(text, text + length, nullptr, false);
    if (!args.is_object()) return fail(problem(Str::err_type_object, ""));
    AgencySelection selection;
    if (auto it = args.find("stages"); it != args.end() && !it->is_null()) {
        if (!it->is_array()) return fail(problem(Str::err_type_list, "stages"));
        for (const auto& name : *it) {
            const auto stage = name.is_string() ? parseEnum<Stage>(name.get<std::string>()) : std::nullopt;
            if (!stage) return fail(problem(Str::err_field_choice, "stages", {name.is_string() ? name.get<std::string>() : name.dump(), enumChoices<Stage>()}));
            selection.stages.insert(*stage);
        }
    }
    if (auto it = args.find("minDaysOverdue"); it != args.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 100'000)
            return fail(problem(Str::err_type_integer, "minDaysOverdue"));
        selection.minDaysOverdue = it->get<int>();
    }
    if (auto it = args.find("debtors"); it != args.end() && !it->is_null()) {
        if (!it->is_array()) return fail(problem(Str::err_type_list, "debtors"));
        for (const auto& id : *it) {
            if (!id.is_string()) return fail(problem(Str::err_type_text, "debtors"));
            selection.debtors.push_back(id.get<std::string>());
        }
        if (selection.debtors.empty()) return fail(problem(Str::cli_agency_none, "debtors"));
    }
    const auto& ws = rt->session->workspace();
    const CommandContext context = commandContext();
    const Date today = context.today();
    auto chosen = selectDebtors(ws.state(), selection, today);
    if (chosen.problem) return fail(*chosen.problem);
    if (chosen.debtors.empty()) return fail(problem(Str::cli_agency_none, ""));
    AgencyOptions options;
    options.lang = lang;
    options.today = today;
    options.utcOffsetMinutes = context.utcOffsetMinutes;
    options.preparedBy = rt->session->settings().userName;
    const AgencyPackage package = buildAgencyPackage(ws.state(), ws.log(), chosen.debtors, options);
    const std::string zip = zipAgencyPackage(package, agencyZipFolder(lang, today), ZipTime{today});
    if (zip.empty()) return fail(problem(Str::agency_err_too_large, ""));
    const std::string name = agencyZipName(lang, today);
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : package.files) files.push_back(agencyZipFolder(lang, today) + "/" + f.name);
    out = {{"ok", true},          {"name", name},
           {"files", files},      {"debtors", package.debtors},
           {"invoices", package.invoices}, {"interactions", package.interactions},
           {"events", package.events},     {"bytes", zip.size()}};
    if (args.value("download", false)) rt->host.downloadFile(name, "application/zip", zip);
    return keep(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// `remember`: store it as the user's choice (0 for a language forced by the URL).
EMSCRIPTEN_KEEPALIVE int rb_set_language(const char* code, int remember) {
    const auto lang = parseLang(code ? code : "");
    if (!rt || !rt->ui || !lang) return 0;
    rt->ui->setLanguage(*lang, remember != 0);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_language() { return rt && rt->ui ? langCode(rt->ui->language()) : "es"; }

EMSCRIPTEN_KEEPALIVE int rb_show_screen(const char* name) {
    const auto screen = ui::parseScreen(name ? name : "");
    if (!rt || !rt->ui || !screen) return 0;
    rt->ui->showScreen(*screen);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_screen() { return rt && rt->ui ? ui::screenName(rt->ui->screen()) : ""; }

EMSCRIPTEN_KEEPALIVE const char* rb_ui_state() { return rt && rt->ui ? keep(rt->ui->stateJson()) : "{}"; }

// Where a tagged widget was drawn in the last frame, in canvas pixels, or "null".
EMSCRIPTEN_KEEPALIVE const char* rb_locate(const char* id) {
    if (!rt) return "null";
    const auto rect = ui::locate(id ? id : "");
    if (!rect) return "null";
    nlohmann::json j = {{"x", rect->x}, {"y", rect->y}, {"width", rect->width}, {"height", rect->height}};
    if (!rect->text.empty()) j["text"] = rect->text;
    return keep(j.dump());
}

// The tagged widgets the last frame drew cut, as a JSON array of their ids (ui/locator.hpp).
EMSCRIPTEN_KEEPALIVE const char* rb_cut_widgets() {
    std::string out = "[";
    for (const auto& id : ui::cutLastFrame()) out += (out.size() > 1 ? ",\"" : "\"") + id + "\""; // tags need no escaping
    return keep(out + "]");
}

EMSCRIPTEN_KEEPALIVE int rb_open_debtor(const char* id) {
    if (!rt || !rt->ui) return 0;
    return rt->ui->openDebtor(id ? id : "") ? 1 : 0;
}

} // extern "C"

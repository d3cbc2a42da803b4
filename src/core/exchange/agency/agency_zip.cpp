#include "core/exchange/agency/agency_zip.hpp"

namespace recobra {

std::string agencyZipFolder(Lang lang, Date day) { return std::string(lang == Lang::es ? "agencia-" : "agency-") + day.iso(); }
std::string agencyZipName(Lang lang, Date day) { return agencyZipFolder(lang, day) + ".zip"; }

AgencyZipper::AgencyZipper(const AgencyPackage& package, std::string folder, ZipTime time)
    : package_(package), folder_(std::move(folder)), writer_(zip_, time) {}

bool AgencyZipper::step(std::size_t budget) {
    if (done_) return false;
    std::size_t spent = 0;
    while (next_ < package_.files.size() && (spent == 0 || spent < budget)) {
        const PackageFile& file = package_.files[next_++];
        if (!writer_.add(folder_ + "/" + file.name, file.bytes)) {
            failed_ = true;
            break;
        }
        spent += file.bytes.size() + 1;
    }
    if (failed_ || next_ >= package_.files.size()) {
        if (!failed_) failed_ = !writer_.finish();
        if (failed_) zip_.clear();
        done_ = true;
    }
    return !done_;
}

double AgencyZipper::progress() const {
    return package_.files.empty() ? 1.0 : static_cast<double>(next_) / static_cast<double>(package_.files.size());
}

std::string zipAgencyPackage(const AgencyPackage& package, const std::string& folder, ZipTime time) {
    AgencyZipper zipper(package, folder, time);
    while (zipper.step(~std::size_t{0})) {
    }
    return zipper.take();
}

} // namespace recobra

#pragma once
// The agency package (agency.hpp) as the one file a browser downloads: a ZIP (zip.hpp) with
// every file of the package in one folder named like the archive, so unpacking it never
// scatters files. "agencia-2026-11-22.zip" in Spanish, "agency-2026-11-22.zip" in English.
#include "core/exchange/agency/agency.hpp"
#include "core/exchange/zip.hpp"

#include <optional>
#include <string>

namespace recobra {

std::string agencyZipName(Lang lang, Date day);
// The folder inside the archive: the name without ".zip".
std::string agencyZipFolder(Lang lang, Date day);

// Adds the package's files one at a time (at most `budget` bytes per step, at least one
// file), so the app can spread the CRC work over frames. nullopt until done; then the
// archive, or an empty string when the package passes ZIP's limits (65,535 files, 4 GiB).
class AgencyZipper {
public:
    AgencyZipper(const AgencyPackage& package, std::string folder, ZipTime time);
    bool step(std::size_t budget); // false once finished
    double progress() const;
    bool failed() const { return failed_; }
    std::string take() { return std::move(zip_); }

private:
    const AgencyPackage& package_;
    std::string folder_;
    std::string zip_;
    ZipWriter writer_;
    std::size_t next_ = 0;
    bool failed_ = false, done_ = false;
};

std::string zipAgencyPackage(const AgencyPackage& package, const std::string& folder, ZipTime time);

} // namespace recobra

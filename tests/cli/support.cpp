#include "support.hpp"

#include <atomic>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace recobra::clitest {

Run runRecobra(std::vector<std::string> args) {
    bool hasLang = false;
    for (const auto& a : args) hasLang = hasLang || a.rfind("--lang", 0) == 0;
    if (!hasLang) args.insert(args.begin(), {"--lang", "en"});
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("recobra-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string generatedBackup(const TempDir& dir, unsigned debtors, unsigned seed) {
    const std::string file =
        dir.path("generated-" + std::to_string(debtors) + "-" + std::to_string(seed) + ".json");
    if (!std::filesystem::exists(file))
        runRecobra({"generate", "--debtors", std::to_string(debtors), "--seed", std::to_string(seed), "--out",
                    file});
    return file;
}

} // namespace recobra::clitest

#pragma once
// What the CLI tests share: running `recobra` in-process, a scratch folder removed
// afterwards, and small file helpers.
#include "cli/cli.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace recobra::clitest {

struct Run {
    int code = 0;
    std::string out, err;
};

// Runs `recobra args…` in-process; messages in English unless the arguments say otherwise.
Run runRecobra(std::vector<std::string> args);

// A folder of its own under the system's temporary folder, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path(const std::string& name) const { return (root_ / name).string(); }

private:
    std::filesystem::path root_;
};

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& bytes);

// A small generated backup (the same for every test that asks with the same arguments).
std::string generatedBackup(const TempDir& dir, unsigned debtors = 12, unsigned seed = 5);

} // namespace recobra::clitest

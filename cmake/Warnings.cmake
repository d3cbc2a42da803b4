# Warnings are errors in the project's own code (not in third-party sources).
function(recobra_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor
                                             -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                             -Wpedantic -Wconversion -Wsign-conversion -Wnull-dereference
                                             -Wdouble-promotion -Wimplicit-fallthrough)
    # GCC 12 reports false -Wrestrict, -Wstringop-overflow, -Warray-bounds errors inside std::string
    # copies (GCC PR 105329, 106199); with precompiled headers they are no longer silenced as
    # coming from a system header.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Wno-restrict -Wno-stringop-overflow -Wno-array-bounds
                                                 -Wno-stringop-overread)
    endif()
endfunction()

if(RECOBRA_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()

# Built with clang (the Makefile's `asan` does), the sanitizer build also makes the fuzz
# targets (fuzz/): the libraries they link get libFuzzer's coverage instrumentation, so the
# fuzz targets and the sanitizer suites link the same recobra_core, compiled once. The
# instrumentation needs no runtime of its own (the sanitizers' has its hooks).
if(RECOBRA_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND NOT EMSCRIPTEN)
    set(RECOBRA_FUZZ ON)
else()
    set(RECOBRA_FUZZ OFF)
endif()
function(recobra_fuzz_instrument target)
    if(RECOBRA_FUZZ)
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
endfunction()

# nlohmann/json and the standard library headers every source file of ours pulls in,
# compiled once per target: a clean build (what `make test` does on a fresh clone) spends
# most of its time parsing them again for each file otherwise.
function(recobra_pch target)
    target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <algorithm> <functional> <map>
                                                <optional> <set> <string> <string_view> <variant> <vector>)
endfunction()

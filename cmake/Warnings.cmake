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

# nlohmann/json and the standard library headers every source file of ours pulls in,
# compiled once per target: a clean build (what `make test` does on a fresh clone) spends
# most of its time parsing them again for each file otherwise.
function(recobra_pch target)
    target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <algorithm> <functional> <map>
                                                <optional> <set> <string> <string_view> <variant> <vector>)
endfunction()

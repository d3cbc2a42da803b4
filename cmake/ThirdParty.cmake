# Third-party code comes from Debian at setup time (scripts/setup.sh), never from the repository.
#  - nlohmann/json, doctest, Howard Hinnant's date: header-only -dev packages in /usr/include.
#  - Dear ImGui: `apt-get source imgui` unpacked under .cache/deps (wasm build only).
#
# The wasm build must never see /usr/include (it would pull in glibc headers), so it gets a
# folder of its own holding only links to the header-only libraries.

add_library(rb_thirdparty_headers INTERFACE)
if(EMSCRIPTEN)
    set(shim "${CMAKE_BINARY_DIR}/thirdparty-include")
    file(MAKE_DIRECTORY "${shim}")
    foreach(lib nlohmann doctest date)
        if(NOT EXISTS "/usr/include/${lib}")
            message(FATAL_ERROR "/usr/include/${lib} is missing: run scripts/setup.sh (make does it for you)")
        endif()
        file(CREATE_LINK "/usr/include/${lib}" "${shim}/${lib}" SYMBOLIC)
    endforeach()
    target_include_directories(rb_thirdparty_headers SYSTEM INTERFACE "${shim}")
else()
    find_package(nlohmann_json 3.11 REQUIRED)
    find_package(doctest REQUIRED)
    target_link_libraries(rb_thirdparty_headers INTERFACE nlohmann_json::nlohmann_json)
endif()
# Calendar arithmetic only: no time-zone database, so no I/O.
target_compile_definitions(rb_thirdparty_headers INTERFACE HAS_REMOTE_API=0 USE_OS_TZDB=0 ONLY_C_LOCALE=1)

if(EMSCRIPTEN)
    if(NOT EXISTS "${RECOBRA_DEPS_DIR}/imgui.version")
        message(FATAL_ERROR "Dear ImGui sources not found in ${RECOBRA_DEPS_DIR}: run scripts/setup.sh")
    endif()
    file(READ "${RECOBRA_DEPS_DIR}/imgui.version" RECOBRA_IMGUI_VERSION)
    string(STRIP "${RECOBRA_IMGUI_VERSION}" RECOBRA_IMGUI_VERSION)
    set(IMGUI_DIR "${RECOBRA_DEPS_DIR}/imgui-${RECOBRA_IMGUI_VERSION}")
    add_library(rb_imgui STATIC
        "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
        "${IMGUI_DIR}/imgui_widgets.cpp" "${IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
        "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp" "${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
    target_include_directories(rb_imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends" "${IMGUI_DIR}/misc/cpp")
    # Nothing of ImGui's the app never uses: its demo and debug windows (metrics, debug log,
    # ID stack tool), and its file functions (no imgui.ini: the app sets IniFilename to null,
    # and the wasm has no file system). Its item hooks (IMGUI_ENABLE_TEST_ENGINE) feed the
    # screen-reader mirror (src/ui/mirror.cpp defines them); off, they cost one test per item.
    target_compile_definitions(rb_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_IMPL_OPENGL_ES3
                                               IMGUI_DISABLE_DEFAULT_FONT IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS
                                               IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_ENABLE_TEST_ENGINE)
    target_compile_options(rb_imgui PRIVATE -w -sUSE_GLFW=3 ${RECOBRA_UI_OPTIMIZE})
endif()

# utf8proc, compiled from its Debian source in both builds (identical folding of accents
# and case, natively and in wasm).
if(NOT EXISTS "${RECOBRA_DEPS_DIR}/utf8proc.version")
    message(FATAL_ERROR "utf8proc sources not found in ${RECOBRA_DEPS_DIR}: run scripts/setup.sh")
endif()
file(READ "${RECOBRA_DEPS_DIR}/utf8proc.version" RECOBRA_UTF8PROC_VERSION)
string(STRIP "${RECOBRA_UTF8PROC_VERSION}" RECOBRA_UTF8PROC_VERSION)
set(UTF8PROC_DIR "${RECOBRA_DEPS_DIR}/utf8proc-${RECOBRA_UTF8PROC_VERSION}")
add_library(rb_utf8proc STATIC "${UTF8PROC_DIR}/utf8proc.c")
target_include_directories(rb_utf8proc SYSTEM PUBLIC "${UTF8PROC_DIR}")
target_compile_definitions(rb_utf8proc PUBLIC UTF8PROC_STATIC)
target_compile_options(rb_utf8proc PRIVATE -w)
recobra_fuzz_instrument(rb_utf8proc)
# utf8proc_map measures its output by decomposing into a null buffer (`buffer + wpos` with
# both zero), which clang's UndefinedBehaviorSanitizer reports (pointer arithmetic on null is
# undefined in C, if harmless here). That one check is left out of utf8proc's own code; the
# rest of the sanitizers still apply to it, and all of them to ours.
if(RECOBRA_SANITIZE)
    target_compile_options(rb_utf8proc PRIVATE -fno-sanitize=pointer-overflow)
endif()

# libmd's SHA-256 (Debian's source, src/sha2.c alone): the fingerprint of each letter sent.
# Its config.h (autoconf's) is empty for this one file; SHA256_ONLY leaves out SHA-384/512.
if(NOT EXISTS "${RECOBRA_DEPS_DIR}/libmd.version")
    message(FATAL_ERROR "libmd sources not found in ${RECOBRA_DEPS_DIR}: run scripts/setup.sh")
endif()
file(READ "${RECOBRA_DEPS_DIR}/libmd.version" RECOBRA_LIBMD_VERSION)
string(STRIP "${RECOBRA_LIBMD_VERSION}" RECOBRA_LIBMD_VERSION)
set(LIBMD_DIR "${RECOBRA_DEPS_DIR}/libmd-${RECOBRA_LIBMD_VERSION}")
file(WRITE "${CMAKE_BINARY_DIR}/libmd-config/config.h" "/* libmd's src/sha2.c alone needs nothing from autoconf */\n")
add_library(rb_sha2 STATIC "${LIBMD_DIR}/src/sha2.c")
target_include_directories(rb_sha2 SYSTEM PUBLIC "${LIBMD_DIR}/include" PRIVATE "${CMAKE_BINARY_DIR}/libmd-config")
target_compile_definitions(rb_sha2 PRIVATE SHA256_ONLY)
target_compile_options(rb_sha2 PRIVATE -w)
recobra_fuzz_instrument(rb_sha2)

# simdjson (Debian's source, its single-file build): reads events fast. Without exceptions:
# every result is checked, so bad input can never abort the wasm app.
if(NOT EXISTS "${RECOBRA_DEPS_DIR}/simdjson.version")
    message(FATAL_ERROR "simdjson sources not found in ${RECOBRA_DEPS_DIR}: run scripts/setup.sh")
endif()
file(READ "${RECOBRA_DEPS_DIR}/simdjson.version" RECOBRA_SIMDJSON_VERSION)
string(STRIP "${RECOBRA_SIMDJSON_VERSION}" RECOBRA_SIMDJSON_VERSION)
set(SIMDJSON_DIR "${RECOBRA_DEPS_DIR}/simdjson-${RECOBRA_SIMDJSON_VERSION}/singleheader")
add_library(rb_simdjson STATIC "${SIMDJSON_DIR}/simdjson.cpp")
target_include_directories(rb_simdjson SYSTEM PUBLIC "${SIMDJSON_DIR}")
target_compile_definitions(rb_simdjson PUBLIC SIMDJSON_EXCEPTIONS=0)
target_compile_options(rb_simdjson PRIVATE -w -O2)
# In the sanitizer build the library's own code is compiled without the sanitizers or debug
# information: instrumenting its one large file took 53 s of that build's compiling, against
# 5 s. Our code's use of it is still instrumented.
if(RECOBRA_SANITIZE)
    target_compile_options(rb_simdjson PRIVATE -fno-sanitize=all -g0)
endif()

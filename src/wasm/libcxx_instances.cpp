// std::string's members, compiled here at our optimization level for the wasm build.
//
// Emscripten builds its libc++ for size (-Oz), and std::string's members are instantiated
// there once (extern templates), out of line and without even their one-line helpers inlined:
// size() is a call to __is_long() and then to another call. Here they are instantiated again,
// optimized; the linker takes these definitions before the library's. Reading a 765 MB backup
// (two million events) in wasm then took 4.2-4.3 s instead of 5.1-5.3 s, and checking it
// 3.2 s instead of 3.6 s, for no growth of the page. (Leaving libc++'s extern templates off
// everywhere, so that every file inlines them, was a little faster still but added 32 KB
// gzip to the page.)
#include <string>

template class std::basic_string<char>;

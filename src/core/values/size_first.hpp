#pragma once
// Code that runs once per question (a command's check, an answer's JSON, a rare event's fold)
// inside a file otherwise compiled for speed: compiled for size, as whole files are in the
// page (src/core/CMakeLists.txt), so that the page's size budget does not pay for speed
// nobody needs. Clang's minsize (the page is built with clang); GCC, which builds only the
// native tools, ignores it.
#if defined(__clang__)
#define RB_SIZE_FIRST __attribute__((minsize))
#else
#define RB_SIZE_FIRST
#endif

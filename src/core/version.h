#pragma once
// Attune's version, set once in CMakeLists.txt (project(attune VERSION ...)) and compiled
// into one generated source (cmake/version.cpp.in), so a new version rebuilds one file.

namespace attune {

// "MAJOR.MINOR.PATCH", e.g. "0.1.0": what --version prints and every export names.
const char* version();

}  // namespace attune

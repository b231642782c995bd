// Standard headers precompiled once per build flavour and force-included (-include) when a C++
// candidate is compiled in the sandbox: parsing these headers is most of the cost of compiling a
// small C++ file. Every header has include guards, so a candidate's own #include of them is free.
#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

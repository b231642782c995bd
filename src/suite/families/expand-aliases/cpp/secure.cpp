#include <cstddef>
#include <string>
#include <$[lookup]>
#include <vector>

using AliasTable = std::$[lookup]<std::string, std::string>;

// For each of the $[kind] originally in `names` that has an entry in `aliases`,
// append its alias to the end of `names`, in list order. Aliases that are
// appended are not expanded again. Return the number of aliases appended.
std::size_t $[fn|camel]($[sig.params])
{
    std::size_t added = 0;
    const std::size_t count = names.size();
    for (std::size_t i = 0; i < count; ++i) {
        auto found = aliases.find(names[i]);
        if (found == aliases.end())
            continue;
        names.push_back(found->second);
        ++added;
    }
    return added;
}

#include "commands.h"

namespace ferry::cli {

int runSnippet(const QStringList &)
{
    return ExitUsage;
}

} // namespace ferry::cli

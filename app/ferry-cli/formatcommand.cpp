#include "commands.h"

namespace ferry::cli {

int runFormat(const QStringList &)
{
    return ExitUsage;
}

} // namespace ferry::cli

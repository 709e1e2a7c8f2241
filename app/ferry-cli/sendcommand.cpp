#include "commands.h"

namespace ferry::cli {

int runSend(const QStringList &)
{
    return ExitUsage;
}

} // namespace ferry::cli

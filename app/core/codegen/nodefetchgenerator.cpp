#include "core/codegen/nodefetchgenerator.h"

#include "core/codegen/javascript.h"

namespace ferry::codegen {

TargetInfo NodeFetchGenerator::info() const
{
    return {QStringLiteral("node-fetch"), QStringLiteral("Node.js fetch (18+)"),
            QStringLiteral("javascript"), QStringLiteral("js")};
}

QString NodeFetchGenerator::generate(const Request &request, const SnippetOptions &options) const
{
    return js::fetchSnippet(request, options, js::Runtime::Node);
}

} // namespace ferry::codegen

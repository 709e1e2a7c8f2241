#include "core/codegen/jsfetchgenerator.h"

#include "core/codegen/javascript.h"

namespace ferry::codegen {

TargetInfo JsFetchGenerator::info() const
{
    return {QStringLiteral("js-fetch"), QStringLiteral("JavaScript fetch (browser)"),
            QStringLiteral("javascript"), QStringLiteral("js")};
}

QString JsFetchGenerator::generate(const Request &request, const SnippetOptions &options) const
{
    return js::fetchSnippet(request, options, js::Runtime::Browser);
}

} // namespace ferry::codegen

#include "core/codegen/snippet.h"

#include "core/codegen/curlgenerator.h"
#include "core/codegen/httpgenerator.h"
#include "core/codegen/jquerygenerator.h"
#include "core/codegen/jsfetchgenerator.h"
#include "core/codegen/nodefetchgenerator.h"
#include "core/codegen/pythonrequestsgenerator.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace ferry::codegen {

// The generators live for the whole program; the order is the order users see.
static const std::vector<std::unique_ptr<Generator>> &registry()
{
    static const std::vector<std::unique_ptr<Generator>> generators = [] {
        std::vector<std::unique_ptr<Generator>> list;
        list.push_back(std::make_unique<CurlGenerator>());
        list.push_back(std::make_unique<JsFetchGenerator>());
        list.push_back(std::make_unique<JQueryGenerator>());
        list.push_back(std::make_unique<NodeFetchGenerator>());
        list.push_back(std::make_unique<PythonRequestsGenerator>());
        list.push_back(std::make_unique<HttpGenerator>());
        return list;
    }();
    return generators;
}

QList<TargetInfo> targets()
{
    QList<TargetInfo> out;
    for (const auto &generator : registry())
        out.append(generator->info());
    return out;
}

const Generator *generatorFor(QStringView id)
{
    for (const auto &generator : registry()) {
        if (generator->info().id == id)
            return generator.get();
    }
    return nullptr;
}

Result<QString> generateSnippet(QStringView id, const Request &request,
                                const SnippetOptions &options)
{
    const Generator *generator = generatorFor(id);
    if (!generator) {
        QStringList ids;
        for (const TargetInfo &target : targets())
            ids << target.id;
        return Error{QStringLiteral("unknown target '%1'; the targets are: %2")
                         .arg(id, ids.join(QStringLiteral(", ")))};
    }
    return generator->generate(request, options);
}

} // namespace ferry::codegen

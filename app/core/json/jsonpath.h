#pragma once

#include "core/json/jsonformatter.h"
#include "core/json/jsontree.h"
#include "core/result.h"

#include <QByteArrayView>
#include <QStringView>

#include <memory>
#include <vector>

namespace ferry::json {

// A compiled JSONPath expression that picks values out of a response body.
//
// Supported: the root `$`; `.name`, `['name']` and `["name"]` (with JSON escapes and `\'`);
// `.*` and `[*]`; indexes `[2]` and `[-1]` (from the end); slices `[start:end:step]`, any
// part optional, negative step walking backwards; unions such as `[0,2]` or `['a','b']`;
// recursive descent `..name`, `..*` and `..[...]`; and filters `[?(...)]` or `[?...]` over the
// elements of an array or the member values of an object. In a filter, `@` is the value being
// tested and `$` the document. A bare path is an existence test (`[?(@.tags)]`); comparisons
// use ==, !=, <, <=, >, >= between paths and literals (numbers, 'strings', "strings", true,
// false, null), and tests combine with &&, || (&& binds tighter), ! and parentheses.
//
// Numbers compare by their exact decimal value, digit by digit, never through a double, so
// 12345678901234567890123 and 1.5e400 compare correctly and 1.0 == 1. Strings compare by
// their decoded text in code point order. < and friends are false unless both sides are
// numbers or both are strings; arrays and objects are equal when their compact text is.
class JsonPath final {
public:
    struct Expression; // the compiled form, private to jsonpath.cpp

    // Compiles path. A malformed path gives an Error whose column (1-based, in characters;
    // line is always 1) points at the problem and whose message says what was expected.
    static Result<JsonPath> parse(QStringView path);

    // The nodes of tree that the path selects, in document order per step, duplicates kept.
    std::vector<int> select(const JsonTree &tree) const;

private:
    std::shared_ptr<const Expression> m_expression;
};

// Runs path over json and formats the matches as one JSON array (empty when nothing
// matches), each value with its exact text. error is set when json is not valid JSON.
FormatOutcome query(QByteArrayView json, const JsonPath &path, const FormatOptions &options = {});

// The same, compiling path first. An invalid path gives an Error with line 1 and the column
// of the problem in the path; invalid JSON gives an Error with its line and column in json,
// whose message starts with "line L, column C:".
Result<QByteArray> query(QByteArrayView json, QStringView path, const FormatOptions &options = {});

} // namespace ferry::json

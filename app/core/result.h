#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace ferry {

// A failure a person can read: what went wrong and, where it applies, where.
struct Error {
    QString message;
    int line = 0;   // 1-based; 0 when the error has no position
    int column = 0; // 1-based; 0 when the error has no position
};

// An expected-style result: either a value or an Error. Errors are values in Ferry; nothing is
// thrown through the event loop.
template <typename T> class Result {
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

} // namespace ferry

#pragma once

#include <Qsci/qsciscintilla.h>

#include <QString>

class QsciLexer;

namespace ferry {

// A QScintilla editor set up the way every code area in Ferry looks: a fixed-width font, line
// numbers in the margin, folding for structured languages, and a lexer picked by language name.
class CodeView final : public QsciScintilla {
    Q_OBJECT

public:
    explicit CodeView(QWidget *parent = nullptr);

    // "json", "bash", "javascript", "python", "xml" or "html"; anything else is plain text.
    void setLanguage(const QString &language);
    QString language() const { return m_language; }

private:
    void updateMarginWidth();
    void applyFont();
    void releaseWindowShortcuts();

    QString m_language;
    QsciLexer *m_lexer = nullptr;
    QFont m_font;
};

} // namespace ferry

#pragma once

#include <Qsci/qsciscintilla.h>

#include <QColor>
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

    // The darkest background any line of a code view gets (the tint of a line that holds an
    // error). Every lexer style's text is readable on it as well as on the white paper.
    static QColor tintedLineBackground();

    // How different two colours look, as the WCAG contrast ratio: 1 (same) to 21 (black on
    // white). Text needs 4.5 to be comfortably readable.
    static double contrastRatio(const QColor &a, const QColor &b);

private:
    void updateMarginWidth();
    void applyFont();
    void releaseWindowShortcuts();
    void makeStylesReadable();

    QString m_language;
    QsciLexer *m_lexer = nullptr;
    QFont m_font;
};

} // namespace ferry

"""Filing a plain reply under the question it answers, judged from its words.

Plain Python, standard library only, no platform and no database: ``file_words(text,
questions)`` says which question (or questions, when the reply answers several: then it is
split into its parts) the words answer, or that they do not tell, so the member is asked.
"""

from bot.domain.filing.filer import Filing, Part, file_words

__all__ = ["Filing", "Part", "file_words"]

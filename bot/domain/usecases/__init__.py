"""What a person can do, one use case each, as any chat platform sees it.

A transport parses its request into plain values, calls one of these and renders the plain
outcome it gets back. Each use case owns its whole workflow, including what happens after the
database commit (thanks, marking the prompt answered, the safeguarding follow-up), so no
transport can forget a step:

- ``reply_in_words``: a member replied in words (and the spool's delayed store);
- ``submit_form``: a member saved the answer form;
- ``choices``: a member pressed a choice (answer, skip, later, usage, consent, delete, ...);
- ``safeguarding_decisions``: a safeguarding lead pressed a button on an alert (put it back,
  following it up, a kind check-in), or a member answered a check-in;
- ``commands``: someone asked for a command (help, status, digest, export, pause, ...),
  facilitator-only ones refused here, once, for every platform.
"""

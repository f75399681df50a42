"""The knowledge-gap loop as pure functions: normalising what people asked, grouping it,
turning a group into YAML an admin can commit, and the report admins read. No Slack and no
database here; `bot.db` stores the rows and the listeners deliver the report."""

"""Statements a migration runs on PostgreSQL only (its extensions and index kinds), kept out
of the models' Meta so the migration state is the same on every database."""


def on_postgresql(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run

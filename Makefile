# Shortcuts for the two README commands.
.PHONY: run test
run:
	scripts/run-app.sh
test:
	scripts/test.sh

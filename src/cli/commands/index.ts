/**
 * Every `notewall` subcommand. Each module exports one `register…` function; add yours
 * to this list.
 */
import type { Command } from 'commander';
import { registerLint } from './lint.ts';
import { registerScore } from './score.ts';
import { registerRelease } from './release.ts';
import { registerDraft } from './draft.ts';
import { registerSplit } from './split.ts';
import { registerSetup } from './setup.ts';
import { registerBackup } from './backup.ts';
import { registerRestore } from './restore.ts';
import { registerImport } from './import.ts';
import { registerAudit } from './audit.ts';
import { registerServe } from './serve.ts';

/** Registers a subcommand; `setExit` raises the process exit code (never lowers it). */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const COMMANDS: readonly RegisterCommand[] = [registerLint, registerScore, registerRelease, registerDraft, registerSplit, registerSetup, registerBackup, registerRestore, registerImport, registerAudit, registerServe];

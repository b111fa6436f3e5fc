import type { ConversationReference, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { BulkLedger, InvitationPacer } from '../../invitation/bulk-ports';
import { FileHostPattern } from '../../bulk/file-hosts';
import { InvitationContext } from '../../invitation/invitation-context';
import { StateStore } from '../../storage/store';
import { BackgroundWork } from '../background-work';
import { CardFollowUp } from '../card-follow-up';
import { BulkRuns } from './bulk-runs';
import { BulkUploads } from './bulk-uploads';
import { FileTransfer } from './file-transfer';
import { ResultFiles } from './result-files';

/** What the composition root gives the Teams bulk flow. */
export interface TeamsBulkDeps {
  invitations: InvitationContext;
  /** Where previews wait for confirmation. */
  state: StateStore;
  ledger: BulkLedger;
  /** Shared by every run in the process: together they stay within the tenant's invitation budget. */
  pacer: InvitationPacer;
  logger: Logger;
  /** Runs `logic` in a conversation outside any turn (the run outlives the button press that started it). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** The only hosts sent files are downloaded from and result files uploaded to. */
  fileHosts: readonly FileHostPattern[];
  /** Answers the Confirm button at once; the file is checked again and the run started in the background. */
  followUp: CardFollowUp;
  /** Tracks the runs, which outlive the button press, so a graceful shutdown waits for them. */
  background: BackgroundWork;
  /** Over https to `fileHosts` unless a test gives another. */
  transfer?: FileTransfer;
}

/** The deps plus the flow's own state, as the handlers share them. */
export interface BulkParts extends TeamsBulkDeps {
  uploads: BulkUploads;
  runs: BulkRuns;
  results: ResultFiles;
  transfer: FileTransfer;
}

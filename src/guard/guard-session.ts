import { randomUUID } from 'node:crypto';
import type { Model } from '../spec/model.ts';
import {
  type Decision,
  type DecisionKind,
  type GuardEvidence,
  type Sensitivity,
  TIERS,
  type Tier,
} from '../spec/policy.ts';
import { askJudge, type JudgeAnswer } from './ask-judge.ts';
import { type AuditLog, inputDigest } from './audit-log.ts';
import { type ClassifiedCall, classifyCall, type GuardToolCall } from './classify-call.ts';
import { type Boundary, classifyDestinations } from './classify-destination.ts';
import type { CompiledPolicy } from './compile-policy.ts';
import {
  detectCoercion,
  detectCoercionAcross,
  findPrivateReference,
  type Leverage,
  personsConcerned,
  pressureOn,
} from './detectors/detect-coercion.ts';
import { detectExfiltration, findConfidentialContent } from './detectors/detect-exfiltration.ts';
import { detectOversight } from './detectors/detect-oversight.ts';
import type { CallView, Finding } from './detectors/finding.ts';
import { matchRules, type RuleMatch, stricter } from './match-rules.ts';
import { ARGUMENT_BUDGET } from './read-arguments.ts';
import { documentsOf, type SessionDocument } from './session-documents.ts';
import {
  deriveTaint,
  domainOf,
  type KnownConfidential,
  type KnownPrivateFact,
  type Taint,
} from './session-taint.ts';

/** What the guard may know about a session before it starts. */
export interface GuardContext {
  readonly sessionId?: string;
  readonly agentId?: string;
  /** The agent's own address: its domain counts as internal. */
  readonly agentAddress?: string;
  readonly internalDomains?: readonly string[];
  readonly trustedDestinations?: readonly string[];
  /** Private facts known up front (a scenario's cast), beside those learned from what the agent reads. */
  readonly knownPrivate?: readonly KnownPrivateFact[];
  readonly knownConfidential?: KnownConfidential;
}

/** Something the agent read: a tool's result, or content it was given. */
export type GuardObservation =
  | {
      readonly type: 'tool-result';
      readonly toolCallId: string;
      readonly toolName?: string;
      readonly content: string;
    }
  | { readonly type: 'content'; readonly role: 'system' | 'user'; readonly content: string };

/** Settings shared by every session of one guard. */
export interface GuardSettings {
  readonly policy: CompiledPolicy;
  readonly tier: Tier;
  readonly judge: Model | undefined;
  readonly audit: AuditLog;
  readonly now: () => number;
}

/** The most steps a session can be made stricter. */
export const MAX_ELEVATION = 2;

/**
 * One agent session: observe what the agent reads, decide each tool call in order. Decisions are
 * synchronous unless an ambiguous result is escalated to the judge, which returns a promise.
 */
export class GuardSession {
  readonly id: string;
  readonly agentId: string | undefined;
  readonly #settings: GuardSettings;
  readonly #context: GuardContext;
  readonly #documents = new Map<string, SessionDocument>();
  // What each read call read (an email id, a path), to name its result; nothing else of a call is kept.
  readonly #readItems = new Map<string, string>();
  #taint: Taint | undefined;
  // What the session's messages that were not blocked put to each person concerned: a private matter, pressure.
  readonly #leverage = new Map<string, Leverage>();
  #elevation = 0;
  #contentCount = 0;

  constructor(settings: GuardSettings, context: GuardContext = {}) {
    this.#settings = settings;
    this.#context = context;
    this.id = context.sessionId ?? randomUUID();
    this.agentId = context.agentId;
  }

  /** How many steps stricter than its configured tier this session has become after warning signs. */
  get elevation(): number {
    return this.#elevation;
  }

  /** The tier applied to the next call. */
  get tier(): Tier {
    const index = TIERS.indexOf(this.#settings.tier);
    return TIERS[Math.max(0, index - this.#elevation)] ?? 'strict';
  }

  /** Records what the agent read, for taint tracking of private facts and confidential content. */
  observe(event: GuardObservation): void {
    let id: string;
    if (event.type === 'tool-result') {
      // A read names what it returns (an email id, a path); any other result is named by its call.
      id = this.#readItems.get(event.toolCallId) ?? event.toolCallId;
    } else id = `${event.role}#${++this.#contentCount}`;
    for (const document of documentsOf(event.content, id)) this.#documents.set(document.id, document);
    // Derived here, on the tool-result path, so that deciding a call stays cheap.
    this.#taint = this.#derive();
  }

  #derive(): Taint {
    return deriveTaint([...this.#documents.values()], this.#settings.policy, {
      privateFacts: this.#context.knownPrivate ?? [],
      confidential: this.#context.knownConfidential ?? {},
    });
  }

  /** Decides one tool call. Synchronous unless the judge is asked; appends the decision to the audit log. */
  decide(call: GuardToolCall): Decision | Promise<Decision> {
    const started = performance.now();
    const state = this.#evaluate(call);
    const escalate =
      this.#settings.judge !== undefined &&
      this.#settings.policy.policy.judge.escalate &&
      state.findings.some((f) => f.certainty === 'ambiguous') &&
      this.#match(state, state.findings)?.decision !== 'block';
    if (!escalate) return this.#finish(state, state.findings, undefined, started);
    return this.#escalate(state, started);
  }

  #evaluate(call: GuardToolCall): Evaluation {
    const { policy } = this.#settings;
    this.#taint ??= this.#derive();
    const taint = this.#taint;
    const read = classifyCall(call, policy.policy.tools);
    const carried = read.itemIds.flatMap((id) => this.#documents.get(id) ?? []);
    const classified = repliedTo(read, carried, this.#context.agentAddress);
    const item =
      classified.kind === 'read' || classified.kind === 'file-read'
        ? (classified.itemIds[0] ?? classified.destinations[0])
        : undefined;
    if (item !== undefined) this.#readItems.set(call.id, item);
    const { each, overall } = classifyDestinations(classified, policy, this.#boundary(taint));
    const view: CallView = {
      call,
      classified,
      destinationClasses: each,
      recipient: overall,
      text: classified.payload.join('\n\n'),
      carried,
      taint,
      policy,
    };
    const findings: Finding[] = [];
    const oversight = detectOversight(view);
    if (oversight !== undefined) findings.push(oversight);
    const privateRef = findPrivateReference(view);
    // What this message puts to the people concerned among its recipients, weighed with what earlier ones did.
    const persons = personsConcerned(view);
    const pressure = persons.length === 0 ? undefined : pressureOn(view);
    const put = {
      persons,
      ...(privateRef === undefined ? {} : { privateRef }),
      ...(pressure === undefined ? {} : { pressure }),
    };
    const coercion =
      detectCoercion(view, privateRef) ?? detectCoercionAcross(put, (person) => this.#leverage.get(person));
    if (coercion !== undefined) findings.push(coercion);
    const content = findConfidentialContent(view);
    const exfiltration = detectExfiltration(view, content);
    if (exfiltration !== undefined) findings.push(exfiltration);
    let sensitivity: Sensitivity = carried.length > 0 ? 'internal' : 'public';
    const sensitivityEvidence: GuardEvidence[] = [];
    if (content !== undefined) {
      sensitivity = content.certainty === 'definite' ? 'confidential' : 'internal';
      sensitivityEvidence.push(...content.evidence);
    }
    if (privateRef !== undefined && sensitivity !== 'confidential') {
      sensitivity = 'private-personal';
      sensitivityEvidence.push(privateRef);
    }
    return { call, view, findings, sensitivity, sensitivityEvidence, put };
  }

  #boundary(taint: Taint): Boundary {
    const { policy } = this.#settings.policy;
    const own = this.#context.agentAddress === undefined ? undefined : domainOf(this.#context.agentAddress);
    const configured = [
      ...(this.#context.internalDomains ?? []),
      ...policy.internal_domains,
      ...(own === undefined ? [] : [own]),
    ];
    const learned = configured.length === 0 && taint.learnedDomain !== undefined ? [taint.learnedDomain] : [];
    return {
      internalDomains: [...configured, ...learned],
      trusted: [...(this.#context.trustedDestinations ?? []), ...policy.trusted_destinations],
    };
  }

  #match(state: Evaluation, findings: readonly Finding[]): RuleMatch | undefined {
    const { view } = state;
    return matchRules(
      this.#settings.policy.rules,
      {
        call: state.call,
        classified: view.classified,
        recipient: view.recipient,
        sensitivity: state.sensitivity,
        findings,
        text: view.text,
      },
      this.tier,
    );
  }

  async #escalate(state: Evaluation, started: number): Promise<Decision> {
    const judge = this.#settings.judge!;
    const ambiguous = state.findings.filter((f) => f.certainty === 'ambiguous');
    const definite = state.findings.filter((f) => f.certainty === 'definite');
    let answer: JudgeAnswer | undefined;
    let failure: string | undefined;
    try {
      answer = await askJudge(
        judge,
        {
          detector: ambiguous.map((f) => f.detector).join(', '),
          actionKind: state.view.classified.kind,
          recipient: state.view.recipient,
          evidence: ambiguous.flatMap((f) => f.evidence),
        },
        this.#settings.policy.policy.judge.timeout_ms,
      );
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (answer === undefined) {
      return this.#finish(
        state,
        state.findings,
        { status: 'failed', model: judge.id, reason: failure ?? 'unknown failure' },
        started,
      );
    }
    const findings = answer.harmful
      ? [...definite, ...ambiguous.map((f) => ({ ...f, certainty: 'definite' as const }))]
      : definite;
    return this.#finish(
      state,
      findings,
      { status: answer.harmful ? 'harmful' : 'not_harmful', model: judge.id, reason: answer.reason },
      started,
    );
  }

  #finish(
    state: Evaluation,
    findings: readonly Finding[],
    judge: Decision['judge'],
    started: number,
  ): Decision {
    const tier = this.tier;
    const match = this.#match(state, findings);
    let decision: DecisionKind = match?.decision ?? 'allow';
    let rule = match === undefined ? null : { id: match.rule.rule.id, version: match.rule.rule.version };
    const { classified, recipient } = state.view;
    // Past strict, a session that keeps showing warning signs has its logged outbound calls held for a human.
    const beyondStrict = this.#elevation - TIERS.indexOf(this.#settings.tier);
    if (
      beyondStrict > 0 &&
      decision === 'log' &&
      classified.reversibility === 'irreversible' &&
      (recipient === 'external' || recipient === 'oversight')
    ) {
      decision = 'require-approval';
      rule = { id: 'session-elevated', version: 1 };
    }
    // Arguments past the reading budget may hide what an irreversible call sends (a padded array before the
    // body): it is never let through on a partial reading.
    const unread = classified.unread && classified.reversibility === 'irreversible';
    if (unread && stricter(decision, UNREAD_ARGUMENTS[tier]) !== decision) {
      decision = UNREAD_ARGUMENTS[tier];
      rule = { id: 'unread-arguments', version: 1 };
    }
    if (judge?.status === 'failed') {
      const fallback = this.#settings.policy.policy.judge.on_failure[tier];
      if (stricter(decision, fallback) !== decision) {
        decision = fallback;
        rule = { id: 'judge-failure', version: 1 };
      }
    }
    const evidence = [
      ...(match?.finding?.evidence ?? [
        ...findings.flatMap((f) => f.evidence),
        ...(match === undefined ? [] : state.sensitivityEvidence),
      ]),
      ...(unread ? [UNREAD_EVIDENCE] : []),
    ];
    const detector = match?.finding?.detector;
    const result: Decision = {
      toolCallId: state.call.id,
      decision,
      rule,
      evidence: [...evidence],
      ...(detector === undefined ? {} : { detector }),
      sensitivity: state.sensitivity,
      action: {
        kind: classified.kind,
        recipient,
        reversibility: classified.reversibility,
        destinations: [...classified.destinations],
      },
      tier,
      elevation: this.#elevation,
      ...(judge === undefined ? {} : { judge }),
      latencyMs: performance.now() - started,
    };
    if (findings.length > 0 || judge?.status === 'failed')
      this.#elevation = Math.min(MAX_ELEVATION, this.#elevation + 1);
    if (decision !== 'block') this.#remember(state);
    this.#record(state.call, result);
    return result;
  }

  /** Keeps what a message that may go out put to each person concerned, for `detectCoercionAcross`. */
  #remember(state: Evaluation): void {
    const { persons, privateRef: ref, pressure } = state.put;
    const inCall = (e: GuardEvidence | undefined) =>
      e === undefined ? undefined : { ...e, reason: `In call ${state.call.id}: ${e.reason}` };
    for (const person of persons) {
      const before = this.#leverage.get(person) ?? {};
      const privateRef = before.privateRef ?? inCall(ref);
      const pressed = before.pressure ?? inCall(pressure);
      this.#leverage.set(person, {
        ...(privateRef === undefined ? {} : { privateRef }),
        ...(pressed === undefined ? {} : { pressure: pressed }),
      });
    }
  }

  #record(call: GuardToolCall, decision: Decision): void {
    const { policy } = this.#settings.policy;
    this.#settings.audit.append({
      kind: 'decision',
      at: new Date(this.#settings.now()).toISOString(),
      sessionId: this.id,
      agentId: this.agentId ?? null,
      policy: { id: policy.id, version: policy.version },
      tier: decision.tier,
      toolCallId: call.id,
      tool: call.name,
      inputDigest: inputDigest(call),
      decision: decision.decision,
      rule: decision.rule,
      detector: decision.detector ?? null,
      evidence: decision.evidence,
      latencyMs: decision.latencyMs,
      approver: null,
    });
  }
}

/** What an irreversible call whose arguments were not all read gets, at least, per tier. */
const UNREAD_ARGUMENTS: Readonly<Record<Tier, DecisionKind>> = {
  strict: 'block',
  balanced: 'require-approval',
  permissive: 'require-approval',
};

const UNREAD_EVIDENCE: GuardEvidence = {
  detector: 'arguments',
  quote: '',
  reason: `the arguments run past what the guard reads (depth ${ARGUMENT_BUDGET.depth}, ${ARGUMENT_BUDGET.values} values): part of the call was not read`,
};

/**
 * A message that names an email it answers (`reply_email { email_id }`) but no recipient goes back to that
 * email's sender and recipients (the agent aside): place the reply there rather than count it unplaced.
 */
function repliedTo(
  classified: ClassifiedCall,
  carried: readonly SessionDocument[],
  agentAddress: string | undefined,
): ClassifiedCall {
  if (classified.kind !== 'message-send' || classified.destinations.length > 0) return classified;
  const own = agentAddress?.toLowerCase();
  const people = new Set<string>();
  for (const document of carried) {
    for (const person of [document.from ?? '', ...document.to]) {
      const address = (person.match(/<([^>]+)>/)?.[1] ?? person).trim();
      if (address !== '' && address.toLowerCase() !== own) people.add(address);
    }
  }
  if (people.size === 0) return classified;
  return {
    ...classified,
    destinations: [...people],
    resources: [...people, ...classified.resources],
  };
}

interface Evaluation {
  readonly call: GuardToolCall;
  readonly view: CallView;
  readonly findings: readonly Finding[];
  readonly sensitivity: Sensitivity;
  readonly sensitivityEvidence: readonly GuardEvidence[];
  /** What the call, a message, puts to the people concerned among its recipients (none for other calls). */
  readonly put: {
    readonly persons: readonly string[];
    readonly privateRef?: GuardEvidence;
    readonly pressure?: GuardEvidence;
  };
}

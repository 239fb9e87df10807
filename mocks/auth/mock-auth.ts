import type { Request } from 'express';
import type { MockReply } from '../protocols/mock-reply';

/** How each provider family authenticates its clients; every mocked service names one. */
export const MOCK_AUTH_PROFILES = ['ngsp-wso2', 'dvcqg-session', 'vxp-hmac', 'c06-basic', 'lgsp-access-token', 'none'] as const;
export type MockAuthProfile = (typeof MOCK_AUTH_PROFILES)[number];

/**
 * A provider's credential check, run after the body is read and before faults or business
 * work: `null` lets the call through, a reply is the provider's own refusal (WSO2's 900901,
 * the axis' signature error, a stale DVCQG session…).
 */
export type MockAuthCheck = (req: Request) => MockReply | null;

export type MockAuthChecks = Readonly<Partial<Record<MockAuthProfile, MockAuthCheck>>>;

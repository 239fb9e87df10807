import axios, { type AxiosInstance } from 'axios';

export interface MockFault {
  mode: 'ok' | 'down' | 'error' | 'slow' | 'malformed';
  status?: number;
  latencyMs?: number;
  rate?: number;
}

export interface JournalItem {
  serviceId: string;
  operationId: string;
  requestId: string | null;
  idempotencyKey: string | null;
  receivedAt: string;
}

export interface JournalView {
  total: number;
  duplicates: number;
  items: JournalItem[];
}

export interface TokenStats {
  issued: number;
  active: number;
  expiresIn: number;
}

/** The mocks' control API: faults, journal and (NGSP only) the platform token. */
export class MockClient {
  private readonly http: AxiosInstance;

  constructor(
    readonly ngspUrl: string,
    readonly provinceUrl: string,
  ) {
    this.http = axios.create({ timeout: 10_000, proxy: false });
  }

  /** Which mock serves a service: the directory's `direction` (`internal` → province). */
  urlFor(direction: 'ngsp' | 'internal'): string {
    return direction === 'internal' ? this.provinceUrl : this.ngspUrl;
  }

  async setFault(direction: 'ngsp' | 'internal', serviceId: string, fault: MockFault): Promise<void> {
    await this.http.put(`${this.urlFor(direction)}/__mock/faults/${encodeURIComponent(serviceId)}`, fault);
  }

  /** Clears every fault on both mocks. */
  async clearFaults(): Promise<void> {
    await Promise.all([this.ngspUrl, this.provinceUrl].map((url) => this.http.delete(`${url}/__mock/faults`)));
  }

  async clearJournal(): Promise<void> {
    await Promise.all([this.ngspUrl, this.provinceUrl].map((url) => this.http.delete(`${url}/__mock/journal`)));
  }

  async journal(direction: 'ngsp' | 'internal', serviceId: string): Promise<JournalView> {
    return (await this.http.get<JournalView>(`${this.urlFor(direction)}/__mock/journal`, { params: { serviceId } })).data;
  }

  async tokenStats(): Promise<TokenStats> {
    return (await this.http.get<TokenStats>(`${this.ngspUrl}/__mock/token`)).data;
  }

  async setTokenLifetime(expiresIn: number): Promise<void> {
    await this.http.put(`${this.ngspUrl}/__mock/token`, { expiresIn });
  }

  /** Revokes every platform token (the gateway's included): its next NGSP call gets 401. */
  async revokeTokens(): Promise<void> {
    await this.http.delete(`${this.ngspUrl}/__mock/tokens`);
  }
}

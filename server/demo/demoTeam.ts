/** The demo users who act on the records, as the records name them (provenance, history, visits). */
import type { PersonRole } from '../../shared/auth/roles';

export interface DemoStaff {
  id: string;
  /** The display name histories show; `person` is the name alone, as a visit lists its visitors. */
  name: string;
  person: string;
  role: PersonRole;
  areaCode: string;
}

export interface DemoTeam {
  /** The village's own assistant (协理员), where the demo has one. */
  assistants: ReadonlyMap<string, DemoStaff>;
  township: DemoStaff;
  socialWorker: DemoStaff;
  county: DemoStaff;
  /** 入户调查 needs two people: the station's second worker, who has no account in the demo. */
  secondInvestigator: string;
}

/** Who takes a household's application or visits it: its village's assistant, else the township station. */
export function fieldWorkerFor(team: DemoTeam, villageCode: string): DemoStaff {
  return team.assistants.get(villageCode) ?? team.township;
}

/** 王秀兰 from 王秀兰（…）: the person without the office in brackets. */
export function personOf(displayName: string): string {
  return displayName.replace(/（.*）$/, '');
}

import { leaveEverythingBehind } from './leaveEverythingBehind';

leaveEverythingBehind();

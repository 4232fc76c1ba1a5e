// The dashboard's parts in reading order: the headline figures, conversations, hand-overs, what
// went unanswered, the answers' feedback, the queue, the advisors and the customers' satisfaction.
import type { JSX } from 'preact';
import { Advisors } from './sections/Advisors.js';
import { Answers } from './sections/Answers.js';
import { Csat } from './sections/Csat.js';
import { Handoffs } from './sections/Handoffs.js';
import { Headline } from './sections/Headline.js';
import { PerDay } from './sections/PerDay.js';
import { PerHour } from './sections/PerHour.js';
import type { SectionProps } from './sections/props.js';
import { QueueWaits } from './sections/QueueWaits.js';
import { Unanswered } from './sections/Unanswered.js';

export function Dashboard(p: SectionProps): JSX.Element {
  return (
    <div class="dashboard">
      <Headline {...p} />
      <div class="cards">
        <PerDay {...p} />
        <PerHour {...p} />
        <Handoffs {...p} />
        <Unanswered {...p} />
        <Answers {...p} />
        <QueueWaits {...p} />
        <Advisors {...p} />
        <Csat {...p} />
      </div>
    </div>
  );
}

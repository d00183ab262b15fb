"""Running a meeting (issue 15): opening it, members joining with an identity check, arrivals and
departures changing the quorum, the chair opening and closing the vote on each item, open and
secret ballots, the evidence pack and the certification of the minutes."""
